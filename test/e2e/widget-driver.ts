/**
 * Drives the web chat widget the way a person does: by its accessible names (it lives in an open
 * Shadow DOM, which playwright's locators pierce). Shared by the widget tests against the fake
 * server and the end-to-end tests against the real service.
 */
import type { Locator, Page } from 'playwright-core';

export const TICKET_NUMBER = /HD-\d{6}-\d{4,}/;

export interface ChatDriver {
  page: Page;
  dialog: Locator;
  launcher: Locator;
  input: Locator;
  sendButton: Locator;
  closeButton: Locator;
  log: Locator;
  status: Locator;
  /** Replies of the bot and officers from the server (not the local greeting). */
  replies: Locator;
  userMessages: Locator;
  /** Quick-reply buttons of the latest reply. */
  options: Locator;
  /** Types `text` and presses Enter. */
  say(text: string): Promise<void>;
  /** Resolves when there are more than `count` replies and no new one arrived for a moment. */
  waitForReplies(count: number): Promise<void>;
  /** Sends `text` and waits for the answer; returns the text of the replies of this turn. */
  ask(text: string): Promise<string>;
  /** Clicks a quick reply by its label and waits for the answer. */
  choose(label: string | RegExp): Promise<string>;
  lastReplyText(): Promise<string>;
  statusText(): Promise<string>;
}

export function chatDriver(page: Page): ChatDriver {
  const dialog = page.getByRole('dialog', { name: /^Obrolan / });
  const replies = dialog.locator('.msg-bot:not(.msg-local), .msg-agent');
  const driver: ChatDriver = {
    page,
    dialog,
    launcher: page.getByRole('button', { name: /^(Buka|Tutup) obrolan Helpdesk/ }),
    input: dialog.getByRole('textbox', { name: 'Tulis pesan' }),
    sendButton: dialog.getByRole('button', { name: 'Kirim pesan' }),
    closeButton: dialog.getByRole('button', { name: 'Tutup obrolan', exact: true }),
    log: dialog.getByRole('log'),
    status: dialog.locator('.status'),
    replies,
    userMessages: dialog.locator('.msg-user'),
    options: dialog.getByRole('group', { name: 'Pilihan jawaban' }).getByRole('button'),
    async say(text) {
      await driver.input.fill(text);
      await driver.input.press('Enter');
    },
    async waitForReplies(count) {
      await replies.nth(count).waitFor();
      // settle: a turn can carry several replies; wait until none arrived for a moment
      let last = -1;
      for (let i = 0; i < 40; i++) {
        const n = await replies.count();
        if (n === last) break;
        last = n;
        await page.waitForTimeout(400);
      }
    },
    async ask(text) {
      const before = await replies.count();
      await driver.say(text);
      await driver.waitForReplies(before);
      return turnText(before);
    },
    async choose(label) {
      const before = await replies.count();
      await driver.options.filter({ hasText: label }).first().click();
      await driver.waitForReplies(before);
      return turnText(before);
    },
    async lastReplyText() {
      return (await replies.last().locator('.bubble').innerText()).trim();
    },
    async statusText() {
      return (await driver.status.innerText()).trim();
    },
  };
  async function turnText(from: number): Promise<string> {
    const texts = await replies.locator('.bubble').allInnerTexts();
    return texts.slice(from).join('\n');
  }
  return driver;
}

/** Evaluates inside the widget's shadow root. */
export async function inWidget<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(`(() => { const root = document.querySelector('helpdesk-spbe-widget').shadowRoot; ${fn} })()`) as Promise<T>;
}

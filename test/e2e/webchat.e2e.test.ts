/**
 * End to end: the whole service (startService: embedded store in a fresh DATA_DIR, the embedded
 * queue or, in the "redis" jest project, BullMQ and the Redis event bus; the real NLU and dialogue) driven through the page at `/` in Debian's Chromium, as a citizen or an ASN would.
 * The dialogue wording belongs to the flows, so these tests assert on stable things: the SIMPEG
 * address, the ticket number pattern, that replies and quick-reply buttons appear.
 */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from '../helpers/browser';
import { startTestService, type TestService } from '../helpers/service';
import { chatDriver, inWidget, TICKET_NUMBER, type ChatDriver } from './widget-driver';

jest.setTimeout(120_000);

const NIP = '199001012015031001';

let service: TestService;
let browser: Browser;
let page: Page;
let errors: string[];
let dialogs: string[];

beforeAll(async () => {
  // embedded queue, or BullMQ + the Redis event bus in the "redis" jest project
  service = await startTestService({ LOG_LEVEL: 'error' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await service?.cleanup();
});

beforeEach(async () => {
  const opened = await openPage(browser);
  page = opened.page;
  errors = opened.errors;
  dialogs = opened.dialogs;
});

afterEach(async () => {
  await page.context().close();
  expect(errors).toEqual([]);
  expect(dialogs).toEqual([]);
});

async function openChat(): Promise<ChatDriver> {
  await page.goto(`${service.url}/`);
  const chat = chatDriver(page);
  await chat.dialog.waitFor();
  await chat.status.filter({ hasText: 'Terhubung' }).waitFor();
  return chat;
}

/** Answers whatever the incident flow asks next; returns the text of the next turn. */
async function answerNext(chat: ChatDriver, asked: string): Promise<string> {
  const labels = (await chat.options.allInnerTexts()).map((l) => l.trim());
  const q = asked.toLowerCase();
  // a confirmation first: its summary repeats the NIP, the contact and the attachment
  if (labels.some((l) => /^ya\b/i.test(l))) return chat.choose(/^Ya\b/i);
  if (/\bnip\b/.test(q)) return chat.ask(NIP);
  if (/(lampir|tangkapan layar|foto|gambar|bukti|dokumen|lewati)/.test(q)) {
    return labels.some((l) => /^lewati$/i.test(l)) ? chat.choose(/^Lewati$/i) : chat.ask('lewati');
  }
  if (/(nomor hp|email|kontak|dihubungi|telepon|whatsapp)/.test(q)) return chat.ask('081234567890');
  if (/(nama anda|siapa nama)/.test(q)) return chat.ask('Budi Santoso');
  if (/(perangkat daerah|instansi|opd|unit kerja)/.test(q)) return chat.ask('BKPSDM');
  if (/(layanan|aplikasi) (apa|mana)/.test(q)) return chat.ask('SIMPEG');
  return chat.ask('Halaman login SIMPEG tidak bisa dibuka, muncul pesan error sejak pagi tadi.');
}

describe('web chat end to end (startService + Chromium)', () => {
  it('answers a question with the SIMPEG address as a link', async () => {
    const chat = await openChat();
    const answer = await chat.ask('alamat website simpeg kabupaten cirebon apa ya?');
    expect(answer.toLowerCase()).toContain('simpeg.cirebonkab.go.id');
    const link = chat.dialog.locator('a[href*="simpeg.cirebonkab.go.id"]').first();
    expect(await link.getAttribute('href')).toMatch(/^https?:\/\/(www\.)?simpeg\.cirebonkab\.go\.id/);
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    await page.screenshot({ path: '/tmp/webchat-e2e-desktop.png' });
  });

  it('takes an incident report over a few turns and shows the ticket number', async () => {
    const chat = await openChat();
    let turn = await chat.ask('aplikasi SIMPEG tidak bisa dibuka sejak pagi');
    let sawButtons = false;
    for (let i = 0; i < 10 && !TICKET_NUMBER.test(turn); i++) {
      if ((await chat.options.count()) > 0) sawButtons = true;
      turn = await answerNext(chat, await chat.lastReplyText());
    }
    expect(turn).toMatch(TICKET_NUMBER);
    expect(sawButtons).toBe(true);
    await chat.replies.filter({ hasText: TICKET_NUMBER }).first().waitFor();
    // the reply with the number is scrolled into view, although the summary before it was long
    const scroller = chat.dialog.locator('.scroller');
    let gap = Infinity;
    for (let i = 0; i < 40 && gap > 4; i++) {
      gap = await scroller.evaluate((s) => s.scrollHeight - s.scrollTop - s.clientHeight);
      if (gap > 4) await page.waitForTimeout(50);
    }
    expect(gap).toBeLessThanOrEqual(4);
    // the ticket exists in the store under that number
    const number = TICKET_NUMBER.exec(turn)![0];
    expect(await service.store.getTicket(number)).toBeTruthy();
    await page.screenshot({ path: '/tmp/webchat-e2e-ticket.png' });
  });

  it('shows a message with HTML as text and fires no dialog', async () => {
    const chat = await openChat();
    const hostile = '<img src=x onerror=alert(1)> <script>alert(2)</script>';
    const before = await chat.replies.count();
    await chat.say(hostile);
    await chat.waitForReplies(before);
    const shown = await chat.userMessages.last().locator('.bubble').innerText();
    expect(shown).toBe(hostile);
    expect(await inWidget<number>(page, "return root.querySelectorAll('.log img, .log script, .log [onerror]').length;")).toBe(0);
  });

  it('works from the keyboard: Tab to the send button, Enter sends', async () => {
    const chat = await openChat();
    await chat.input.click();
    await page.keyboard.type('link simpeg pemkab cirebon apa ya?');
    await page.keyboard.press('Tab');
    expect(await chat.sendButton.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    const before = await chat.replies.count();
    await page.keyboard.press('Enter');
    await chat.waitForReplies(before);
    expect(await chat.userMessages.count()).toBe(1);
    await page.keyboard.press('Escape');
    await chat.dialog.waitFor({ state: 'hidden' });
    expect(await chat.launcher.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
  });

  it('fills a 375x667 phone screen with no horizontal scroll', async () => {
    await page.setViewportSize({ width: 375, height: 667 });
    const chat = await openChat();
    await chat.ask('link simpeg pemkab cirebon apa ya?');
    expect(await chat.dialog.boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 667 });
    const scroll = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
    expect(scroll.width).toBeLessThanOrEqual(scroll.view);
    expect(await inWidget<boolean>(page, "const s = root.querySelector('.scroller'); return s.scrollWidth <= s.clientWidth;")).toBe(true);
    await page.screenshot({ path: '/tmp/webchat-e2e-phone.png' });
  });
});

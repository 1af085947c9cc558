/**
 * Web chat sessions end after WEBCHAT_SESSION_IDLE_HOURS without activity (here 1 hour, on a
 * clock the test moves forward). The real service and the real widget in Chromium: the API
 * answers 401 with `code: "session_expired"`, and the widget tells the citizen why, starts a
 * new session, delivers the message they just typed in it, and stays usable, both when they
 * type into an open page and when they come back to the page later.
 */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from '../helpers/browser';
import { startTestService, type TestService } from '../helpers/service';
import { chatDriver, type ChatDriver } from './widget-driver';

jest.setTimeout(120_000);

const HOUR = 3_600_000;
const EXPIRED_NOTE = /berakhir karena lama tidak aktif/;
let offset = 0;
let service: TestService;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  service = await startTestService({ LOG_LEVEL: 'error', WEBCHAT_SESSION_IDLE_HOURS: 1, now: () => Date.now() + offset });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await service?.cleanup();
});

beforeEach(async () => {
  ({ page, errors } = await openPage(browser));
});

afterEach(async () => {
  await page.context().close();
  expect(errors).toEqual([]);
});

async function openChat(): Promise<ChatDriver> {
  await page.goto(`${service.url}/`);
  const chat = chatDriver(page);
  await chat.dialog.waitFor();
  await chat.status.filter({ hasText: 'Terhubung' }).waitFor();
  return chat;
}

const storedSession = () =>
  page.evaluate(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      if (key.includes(':webchat:')) return (JSON.parse(localStorage.getItem(key)!) as { sessionId: string }).sessionId;
    }
    return null;
  });

describe('web chat session expiry', () => {
  it('a message typed after the idle time starts a new session, says why, and is answered there', async () => {
    const chat = await openChat();
    expect(await chat.ask('halo')).not.toBe('');
    const first = await storedSession();
    expect(first).toBeTruthy();

    offset += 2 * HOUR;
    const answer = await chat.ask('alamat website simpeg apa');
    expect(answer.toLowerCase()).toContain('simpeg.cirebonkab.go.id');
    await chat.dialog.locator('.note').filter({ hasText: EXPIRED_NOTE }).waitFor();
    const second = await storedSession();
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);

    // The message went to the new session's conversation, once; the old one did not get it.
    const fresh = (await service.store.findConversation('webchat', second!))!;
    const texts = (await service.store.transcript(fresh.id)).filter((e) => e.from === 'user').map((e) => e.text);
    expect(texts).toEqual(['alamat website simpeg apa']);
    const old = (await service.store.findConversation('webchat', first!))!;
    expect((await service.store.transcript(old.id)).filter((e) => e.from === 'user').map((e) => e.text)).toEqual(['halo']);

    // Still usable: the input takes the next message.
    expect(await chat.input.isEnabled()).toBe(true);
    expect(await chat.ask('terima kasih')).not.toBe('');
  });

  it('coming back to the page after the idle time: told so, a new session, the chat works', async () => {
    let chat = await openChat();
    await chat.ask('halo');
    const first = await storedSession();

    offset += 2 * HOUR;
    await page.reload();
    chat = chatDriver(page);
    await chat.dialog.locator('.note').filter({ hasText: EXPIRED_NOTE }).waitFor();
    await chat.status.filter({ hasText: 'Terhubung' }).waitFor();
    const second = await storedSession();
    expect(second).not.toBe(first);
    expect((await chat.ask('alamat website simpeg apa')).toLowerCase()).toContain('simpeg.cirebonkab.go.id');
  });

  it('the API answers an expired session with 401 and a code the widget knows', async () => {
    const created = (await (await fetch(`${service.url}/api/v1/webchat/sessions`, { method: 'POST' })).json()) as { sessionId: string; token: string };
    const auth = { authorization: `Bearer ${created.token}` };
    const messages = `${service.url}/api/v1/webchat/sessions/${created.sessionId}/messages`;
    expect((await fetch(messages, { headers: auth })).status).toBe(200);
    offset += 30 * 60_000;
    expect((await fetch(messages, { headers: auth })).status).toBe(200); // activity keeps it alive
    offset += 50 * 60_000;
    expect((await fetch(messages, { headers: auth })).status).toBe(200);
    offset += 61 * 60_000;
    for (const res of [
      await fetch(messages, { headers: auth }),
      await fetch(messages, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ text: 'halo' }) }),
      await fetch(`${service.url}/api/v1/webchat/sessions/${created.sessionId}/stream?token=${encodeURIComponent(created.token)}`),
    ]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: expect.stringMatching(/Sesi obrolan Anda telah berakhir/), code: 'session_expired' });
    }
    // A wrong token is still just a wrong token.
    const wrong = await fetch(messages, { headers: { authorization: 'Bearer salah' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: expect.any(String) });
    // Nothing was stored for the expired session.
    expect(await service.store.findConversation('webchat', created.sessionId)).toBeNull();
  });
});

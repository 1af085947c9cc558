/**
 * The officer console in a real browser (Debian Chromium via playwright-core) against the real
 * service: a citizen on the web chat API asks for a human; an officer (created with the user:add
 * logic) logs in on /konsol, sees the chat appear in the inbox live, takes over and replies; the
 * citizen gets the reply while the bot stays silent; the officer hands back and the bot answers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { addOrUpdateOfficer } from '../../src/officers/officer-admin';
import { openPage } from '../helpers/browser';
import { startConsoleService, type ConsoleService } from '../helpers/console-service';
import type { TestService } from '../helpers/service';
import { WebchatClient } from '../helpers/webchat-client';

const BASE = Date.UTC(2026, 10, 23, 2, 0, 0); // Monday 09:00 WIB
const realStart = Date.now();
const now = () => BASE + (Date.now() - realStart);

let service: TestService;
let browser: Browser;
let running: ConsoleService | undefined;

beforeAll(async () => {
  running = await startConsoleService(now);
  ({ service, browser } = running);
}, 120_000);
afterAll(async () => {
  await running?.stop();
});

/** Creates a Diskominfo officer (the user:add logic) and logs in on /konsol through the form. */
async function logInAs(email: string, role: 'koordinator-layanan' | 'koordinator-pemulihan', name: string) {
  const password = 'konsol-rahasia-2026';
  await addOrUpdateOfficer(service.store, service.knowledge, { email, password, role, agency: 'diskominfo', name });
  const opened = await openPage(browser);
  const { page } = opened;
  await page.goto(`${service.url}/konsol`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForSelector(`#who-name:has-text("${name}")`);
  return opened;
}

async function settled(conversationId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await service.store.pendingEntries(conversationId)).length === 0) return;
    await sleep(50);
  }
  throw new Error('message never processed');
}

it('an officer takes over a waiting web chat from the console, replies, and hands back to the bot', async () => {
  const { page, errors } = await logInAs('koordinator@cirebonkab.go.id', 'koordinator-layanan', 'Rina Koordinator');
  await page.waitForSelector('#live-state:has-text("Terhubung")');
  await page.waitForFunction(() => !document.querySelector('#list-empty')?.hasAttribute('hidden'));

  // The citizen asks for a human after the console is open: the chat appears without reload.
  const citizen = await new WebchatClient(service.url).open();
  await citizen.say('saya mau bicara dengan petugas');
  const conversation = (await service.store.findConversation('webchat', citizen.sessionId))!;
  expect(conversation.owner).toBe('waiting');
  const item = page.locator(`#list .item[data-id="${conversation.id}"]`);
  await item.waitFor();
  await page.waitForFunction(() => document.title.startsWith('('));
  expect(await page.locator('#badge-inbox').textContent()).not.toBe('0');

  await item.locator('button').click();
  await page.waitForSelector('#transcript .msg-user');
  expect(await page.locator('#transcript .msg-bot').count()).toBeGreaterThan(0); // bot turns shown
  await page.getByRole('button', { name: 'Ambil alih' }).click();
  await page.waitForSelector('#reply-form:not([hidden])');
  await page.getByLabel('Balasan untuk pengguna').fill('Selamat pagi, saya Rina dari Helpdesk SPBE. Ada yang bisa dibantu?');
  await page.getByRole('button', { name: 'Kirim' }).click();

  const reply = await citizen.waitFor((msgs) => msgs.some((m) => m.from === 'agent'));
  expect(reply.find((m) => m.from === 'agent')!.text).toBe('Selamat pagi, saya Rina dari Helpdesk SPBE. Ada yang bisa dibantu?');

  // The citizen writes; the officer sees it live; the bot stays silent.
  const posted = await citizen.post('Akun SIMPEG saya terkunci sejak kemarin', 'e2e-1');
  await page.waitForSelector('#transcript .msg-user:has-text("Akun SIMPEG saya terkunci")');
  await settled(conversation.id);
  await sleep(300);
  const transcript = await service.store.transcript(conversation.id);
  const seq = transcript.find((e) => e.id === posted.body.id)!.seq;
  expect(transcript.filter((e) => e.seq > seq && e.from === 'bot')).toHaveLength(0);
  await page.screenshot({ path: '/tmp/console-e2e-conversation.png' });

  // Hand back: the bot answers the next message.
  await page.getByRole('button', { name: 'Kembalikan ke bot' }).click();
  await page.waitForSelector('#reply-form[hidden]', { state: 'attached' });
  expect((await service.store.getConversation(conversation.id))!.owner).toBe('bot');
  const answer = await citizen.say('alamat website simpeg apa?');
  expect(answer.some((m) => m.from === 'bot')).toBe(true);
  expect(errors).toEqual([]);
}, 90_000);

it('a koordinator sees a failed delivery with its error in the Pengiriman gagal panel and opens its chat', async () => {
  const citizen = await new WebchatClient(service.url).open();
  await citizen.say('apa itu SIMPEG?');
  const conversation = (await service.store.findConversation('webchat', citizen.sessionId))!;
  await service.store.recordDelivery({
    id: `${conversation.id}:gagal`,
    conversationId: conversation.id,
    channel: 'webchat',
    status: 'failed',
    attempts: 5,
    lastError: 'Telegram 403: bot was blocked by the user',
    updatedAt: now(),
  });
  const { page, errors } = await logInAs('pemulihan@cirebonkab.go.id', 'koordinator-pemulihan', 'Dedi Pemulihan');
  await page.waitForFunction(() => document.querySelector('#badge-failed')?.textContent === '1');

  await page.locator('#tab-deliveries').click();
  const item = page.locator(`#list .item[data-id="${conversation.id}"]`);
  await item.waitFor();
  expect(await item.textContent()).toContain('bot was blocked by the user');
  expect(await item.textContent()).toContain('5 percobaan');
  await item.locator('button').click();
  await page.waitForSelector('#transcript .msg-user:has-text("apa itu SIMPEG?")');
  expect(errors).toEqual([]);
}, 60_000);

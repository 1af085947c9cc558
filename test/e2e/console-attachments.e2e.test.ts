/**
 * Files and reporter answers in the officer console (Debian Chromium, real service): a citizen's
 * PDF on a report is listed on the ticket and downloads through the scope-checked route (as a
 * download, never opened in our origin); when the officer asks the reporter a question, the
 * reporter's answer with a photo appears on the open ticket live and the chat lands in
 * "Percakapan saya" with the photo.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { addOrUpdateOfficer } from '../../src/officers/officer-admin';
import { launchBrowser, openPage } from '../helpers/browser';
import { reportUntilTicket } from '../helpers/citizen';
import { tinyPdf, tinyPng } from '../helpers/files';
import { startTestService, type TestService } from '../helpers/service';
import { WebchatClient } from '../helpers/webchat-client';

jest.setTimeout(120_000);

const BASE = Date.UTC(2026, 10, 23, 2, 0, 0); // Monday 09:00 WIB
const realStart = Date.now();
const now = () => BASE + (Date.now() - realStart);

let service: TestService;
let browser: Browser;

beforeAll(async () => {
  service = await startTestService({ redis: false, now });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await service?.cleanup();
});

it('an officer opens a report\'s file and sees the reporter\'s answer with a photo arrive live', async () => {
  // The citizen reports with a PDF sent at the attachment step.
  const citizen = await new WebchatClient(service.url).open();
  let last = await citizen.say('aplikasi perizinan online tidak bisa upload dokumen persyaratan sejak kemarin');
  for (let i = 0; i < 5 && !/lampir|bukti|foto/i.test(WebchatClient.text(last)); i++) last = await citizen.say('081234567890');
  const pdf = tinyPdf();
  await citizen.sendFile(pdf, { name: 'bukti.pdf', type: 'application/pdf' });
  const { ticket } = await reportUntilTicket(citizen, 'ya, kirim');

  const password = 'konsol-rahasia-2026';
  const officer = await addOrUpdateOfficer(service.store, service.knowledge, { email: 'izin@cirebonkab.go.id', password, role: 'pengelola-layanan', agency: 'dpmptsp', name: 'Dewi Perizinan' });
  const { page, errors } = await openPage(browser, { acceptDownloads: true });
  await page.goto(`${service.url}/konsol`);
  await page.getByLabel('E-mail').fill('izin@cirebonkab.go.id');
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForSelector('#who-name:has-text("Dewi Perizinan")');
  await page.waitForSelector('#live-state:has-text("Terhubung")');

  await page.locator('#tab-tickets').click();
  await page.getByRole('button', { name: `Buka tiket ${ticket}` }).click();
  const link = page.locator('#ticket-facts .attachments a', { hasText: 'bukti.pdf' });
  await link.waitFor();
  expect(await link.getAttribute('href')).toMatch(new RegExp(`^/api/v1/tickets/${ticket}/attachments/[a-f0-9]{64}\\.pdf$`));
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('bukti.pdf');
  const path = await download.path();
  expect(readFileSync(path).equals(pdf)).toBe(true);

  // The officer asks the reporter a question (through the API, as the console's form does).
  const login = await fetch(`${service.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: officer.officer.email, password }) });
  const token = String(((await login.json()) as { token: string }).token);
  for (const body of [{ status: 'ditugaskan' }, { status: 'diproses' }, { status: 'menunggu_pelapor', note: 'Mohon kirim tangkapan layar pesan errornya.' }]) {
    const res = await fetch(`${service.url}/api/v1/tickets/${ticket}`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  }
  await page.waitForSelector('#ticket-status:has-text("Menunggu tanggapan pelapor")');
  await citizen.waitFor((m) => m.some((x) => x.text.includes('Mohon kirim tangkapan layar')));

  // The reporter answers with a photo: the open ticket shows it live, without a reload.
  await citizen.sendFile(tinyPng(), { name: 'layar.png', type: 'image/png', text: 'ini layarnya pak' });
  await page.waitForSelector('#ticket-history li.reply:has-text("ini layarnya pak")');
  await page.waitForSelector('#ticket-history li.reply .attachments a:has-text("layar.png")');
  await page.waitForSelector('#ticket-status:has-text("Sedang diproses")');

  // The chat is now the officer's: "Percakapan saya" lists it, with the photo in the transcript.
  await page.locator('#tab-mine').click();
  const item = page.locator('#list .item button').first();
  await item.waitFor();
  await item.click();
  const photo = page.locator('#transcript .msg-user .attachments a', { hasText: 'layar.png' });
  await photo.waitFor();
  expect(await photo.getAttribute('download')).toBe('layar.png');
  expect(errors).toEqual([]);
});

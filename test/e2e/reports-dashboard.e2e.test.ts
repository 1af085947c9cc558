/**
 * The dashboard and the knowledge tab of the officer console in a real browser (Debian Chromium
 * via playwright-core) against the real service: reports of a few tickets and an unanswered
 * question made through the web chat API; the koordinator sees the figures and the charts
 * (chart.js served by the service: every request stays on its own origin), filters by agency and
 * downloads the PDF; an agency officer sees only its own agency; from the gap an officer drafts
 * an FAQ entry, the koordinator-layanan publishes it, and the bot answers with it.
 */
import type { Browser, Page } from 'playwright-core';
import type { OfficerRole } from '../../src/domain/ids';
import { addOrUpdateOfficer } from '../../src/officers/officer-admin';
import { launchBrowser, openPage } from '../helpers/browser';
import { reportUntilTicket } from '../helpers/citizen';
import { startTestService, type TestService } from '../helpers/service';
import { WebchatClient } from '../helpers/webchat-client';

const BASE = Date.UTC(2026, 10, 23, 2, 0, 0); // Monday 23 November 2026, 09:00 WIB
const realStart = Date.now();
const now = () => BASE + (Date.now() - realStart);
const QUESTION = 'bagaimana cara mendaftar magang mahasiswa di pemkab cirebon?';
const ANSWER = 'Magang mahasiswa diajukan lewat surat permohonan kampus ke BKPSDM Kabupaten Cirebon.';

let service: TestService;
let browser: Browser;

beforeAll(async () => {
  service = await startTestService({ now });
  browser = await launchBrowser();
  await reportUntilTicket(await new WebchatClient(service.url).open(), 'aplikasi SIMPEG error tidak bisa login sejak pagi');
  await reportUntilTicket(await new WebchatClient(service.url).open(), 'pelayanan pajak PBB di bapenda lambat sekali, sudah seminggu belum diproses');
  await (await new WebchatClient(service.url).open()).say(QUESTION);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await service?.cleanup();
});

async function logInAs(email: string, role: OfficerRole, agency: string, name: string) {
  const password = 'konsol-rahasia-2026';
  await addOrUpdateOfficer(service.store, service.knowledge, { email, password, role, agency, name });
  const opened = await openPage(browser);
  const requests: string[] = [];
  opened.page.on('request', (r) => requests.push(r.url()));
  await opened.page.goto(`${service.url}/konsol`);
  await opened.page.getByLabel('E-mail').fill(email);
  await opened.page.getByLabel('Kata sandi').fill(password);
  await opened.page.getByRole('button', { name: 'Masuk' }).click();
  await opened.page.waitForSelector(`#who-name:has-text("${name}")`);
  return { ...opened, requests };
}

const kpi = (page: Page, label: string) => page.locator('.kpi', { hasText: label }).locator('.kpi-value').innerText();

it('shows the koordinator the figures and charts of the month, filters by agency, and downloads the report', async () => {
  const { page, errors, requests, context } = await logInAs('koordinator@cirebonkab.go.id', 'koordinator-layanan', 'diskominfo', 'Rina Koordinator');
  await page.getByRole('button', { name: 'Laporan' }).click();
  await page.waitForSelector('#report-kpis');
  expect(await page.locator('#report-period').inputValue()).toBe('2026-11');
  expect(await kpi(page, 'Tiket masuk')).toBe('2');
  expect(await page.locator('#report-period-label').innerText()).toContain('November 2026');
  // The charts are drawn by chart.js from the service itself.
  await page.waitForSelector('#report-body[data-charts="drawn"]');
  for (const id of ['chart-category', 'chart-channel', 'chart-agency', 'chart-bot', 'chart-csat', 'chart-times']) {
    const box = await page.locator(`#${id}`).boundingBox();
    expect(box && box.width > 50 && box.height > 50).toBe(true);
  }
  const painted = await page.evaluate(() => {
    const canvas = document.getElementById('chart-category') as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
  expect(painted).toBeGreaterThan(100);
  expect(requests.some((u) => u.endsWith('/konsol/vendor/chart.umd.min.js'))).toBe(true);
  expect(requests.filter((u) => !u.startsWith(service.url))).toEqual([]);
  expect(await page.locator('[data-chart="chart-category"] ul.sr-only').innerText()).toContain('Gangguan: 1');

  // One agency.
  await page.locator('#report-agency').selectOption('bapenda');
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await page.waitForFunction(() => document.getElementById('report-period-label')?.textContent?.includes('Bapenda'));
  expect(await kpi(page, 'Tiket masuk')).toBe('1');

  // The report of what is on screen, as a file.
  const pdfHref = await page.getByRole('link', { name: 'Unduh PDF' }).getAttribute('href');
  expect(pdfHref).toBe('/api/v1/reports/export?from=2026-11-01&to=2026-11-30&agency=bapenda&format=pdf');
  const pdf = await context.request.get(`${service.url}${pdfHref}`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  expect(await page.getByRole('link', { name: 'Unduh XLSX' }).getAttribute('href')).toContain('format=xlsx');
  expect(errors).toEqual([]);
  await context.close();
});

it("shows an agency's officer only its own agency", async () => {
  const { page, errors, context } = await logInAs('petugas@bapenda.cirebonkab.go.id', 'pengelola-layanan', 'bapenda', 'Budi Bapenda');
  await page.getByRole('button', { name: 'Laporan' }).click();
  await page.waitForSelector('#report-kpis');
  expect(await page.locator('#report-agency').isDisabled()).toBe(true);
  expect(await page.locator('#report-agency').inputValue()).toBe('bapenda');
  expect(await kpi(page, 'Tiket masuk')).toBe('1');
  expect(await page.locator('#chart-agency').count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

it('turns a gap into a published FAQ entry that the bot answers with', async () => {
  const drafter = await logInAs('petugas@diskominfo.cirebonkab.go.id', 'pengelola-layanan', 'diskominfo', 'Sari Kominfo');
  await drafter.page.getByRole('button', { name: 'Pengetahuan' }).click();
  const gap = drafter.page.locator('.kb-gap', { hasText: 'magang' });
  await gap.waitFor();
  expect(await gap.innerText()).toContain('1×');
  await gap.getByRole('button', { name: 'Susun FAQ' }).click();
  expect(await drafter.page.locator('#kb-questions').inputValue()).toBe(QUESTION);
  await drafter.page.locator('#kb-questions').fill(`${QUESTION}\ncara daftar magang di pemkab cirebon\ninfo magang mahasiswa pemda cirebon`);
  await drafter.page.locator('#kb-answer').fill(ANSWER);
  await drafter.page.getByRole('button', { name: 'Simpan draf' }).click();
  await drafter.page.locator('.kb-entry', { hasText: 'Draf' }).waitFor();
  // Only the koordinator-layanan publishes: no button for this officer.
  expect(await drafter.page.getByRole('button', { name: 'Terbitkan' }).count()).toBe(0);
  expect(drafter.errors).toEqual([]);
  await drafter.context.close();

  const before = await fetch(`${service.url}/api/v1/analyze`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: QUESTION }) });
  expect(((await before.json()) as { reply: string }).reply).not.toContain(ANSWER);

  const koordinator = await logInAs('koordinator2@cirebonkab.go.id', 'koordinator-layanan', 'diskominfo', 'Dewi Koordinator');
  await koordinator.page.getByRole('button', { name: 'Pengetahuan' }).click();
  const entry = koordinator.page.locator('.kb-entry', { hasText: QUESTION });
  await entry.getByRole('button', { name: 'Terbitkan' }).click();
  await koordinator.page.locator('.kb-entry', { hasText: 'Diterbitkan v1' }).waitFor();
  expect(await koordinator.page.locator('#kb-export').getAttribute('href')).toBe('/api/v1/knowledge/export');

  const after = await fetch(`${service.url}/api/v1/analyze`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: QUESTION }) });
  expect(((await after.json()) as { reply: string }).reply).toContain(ANSWER);
  // The gap is answered now: it leaves the list.
  await koordinator.page.getByRole('button', { name: 'Pengetahuan' }).click();
  await koordinator.page.waitForFunction(() => !document.getElementById('kb-gaps')?.textContent?.includes('magang'));
  expect(koordinator.errors).toEqual([]);
  await koordinator.context.close();
});

/**
 * The public status page and the console's incidents tab in a real browser (Debian Chromium via
 * playwright-core) against the real service, whose monitor watches a local server on 127.0.0.1
 * that is stopped: /status read on a phone and embedded in another site; an officer works the
 * incident in the console (timeline, monitor history, a public update, a linked report arriving
 * live, resolve with the linked tickets), and opens one by hand.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { addOrUpdateOfficer } from '../../src/officers/officer-admin';
import { launchBrowser, openPage } from '../helpers/browser';
import { TICKET_RE } from '../helpers/citizen';
import { LoopbackSite } from '../helpers/loopback-site';
import { serviceStatus, statusDocument, writeMonitorsFile } from '../helpers/operations';
import { eventually } from '../helpers/run-service';
import { startTestService, type TestService } from '../helpers/service';
import { WebchatClient } from '../helpers/webchat-client';

jest.setTimeout(120_000);

let service: TestService;
let browser: Browser;
let site: LoopbackSite;
let host: LoopbackSite;
let stranger: LoopbackSite;
let dir = '';

beforeAll(async () => {
  site = await LoopbackSite.start();
  // Two other "Pemkab sites": one allowed to embed the status page, one not.
  host = await LoopbackSite.start();
  stranger = await LoopbackSite.start();
  dir = mkdtempSync(join(tmpdir(), 'hd-ops-e2e-'));
  // The queue follows the jest project: in-process ("embedded"), BullMQ and Redis ("redis").
  service = await startTestService({
    MONITORING: true,
    MONITORS_FILE: writeMonitorsFile(dir, [{ service: 'kepegawaian', url: site.url }]),
    STATUS_FRAME_ORIGINS: [host.url.replace(/\/$/, '')],
  });
  const frame = `<html><body><h1>Situs Pemkab</h1><iframe id="status" title="Status layanan" src="${service.url}/status?embed=1" width="400" height="600"></iframe></body></html>`;
  host.body = frame;
  stranger.body = frame;
  browser = await launchBrowser();
  await eventually(async () => (await serviceStatus(service.url, 'kepegawaian')).state === 'up', 'SIMPEG up', 30_000);
  await site.down();
  await eventually(async () => (await serviceStatus(service.url, 'kepegawaian')).incident, 'the incident', 30_000);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await service?.cleanup();
  for (const s of [site, host, stranger]) await s?.down();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('/status', () => {
  it('is readable on a phone: what is down, the incident with its updates, and daily availability', async () => {
    const { page, errors, context } = await openPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const res = await page.goto(`${service.url}/status`);
    expect(res!.status()).toBe(200);
    expect(res!.headers()['content-security-policy']).toContain(`frame-ancestors 'self' ${host.url.replace(/\/$/, '')}`);
    await page.getByRole('heading', { name: 'Status Layanan SPBE' }).waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/1 layanan sedang terganggu/);
    const current = page.locator('section', { has: page.getByRole('heading', { name: 'Gangguan saat ini' }) });
    await expect(current.textContent()).resolves.toMatch(/SIMPEG tidak dapat diakses/);
    await expect(current.textContent()).resolves.toMatch(/Pemantauan otomatis mendeteksi/);
    const row = page.locator('#layanan-kepegawaian');
    await expect(row.locator('.badge').textContent()).resolves.toBe('Terganggu');
    await expect(row.locator('.bar .d').count()).resolves.toBe(90);
    // On a phone the bar shows the last 30 days, and nothing is wider than the screen.
    const visibleDays = await row.locator('.bar .d').evaluateAll((cells) => cells.filter((c) => getComputedStyle(c).display !== 'none').length);
    expect(visibleDays).toBe(30);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Every catalog service is listed; one never monitored says so.
    await expect(page.locator('.services > li').count()).resolves.toBe(service.knowledge.services.size);
    await expect(page.locator('#layanan-kependudukan .badge').textContent()).resolves.toBe('Belum dipantau');
    // No personal data and nothing to run: the page has no script.
    await expect(page.locator('script').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('can be embedded by an allowed Pemkab site, not by others', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(host.url);
    const frame = page.frameLocator('#status');
    await frame.getByText('layanan sedang terganggu').waitFor();
    await expect(frame.getByRole('heading', { name: 'Status Layanan SPBE' }).count()).resolves.toBe(0); // embed: no page header
    await page.goto(stranger.url);
    await page.waitForLoadState('load');
    const blocked = await page.frames().find((f) => f !== page.mainFrame())?.content().catch(() => '');
    expect(blocked ?? '').not.toMatch(/layanan sedang terganggu/);
    await context.close();
  });
});

describe('the console incidents tab', () => {
  it('lets the koordinator-pemulihan follow and resolve the incident, and open one by hand', async () => {
    const email = 'pemulihan@diskominfo.cirebonkab.go.id';
    const password = 'konsol-rahasia-2026';
    await addOrUpdateOfficer(service.store, service.knowledge, { email, password, role: 'koordinator-pemulihan', agency: 'diskominfo', name: 'Dedi Pemulihan' });
    const { page, errors } = await openPage(browser);
    await page.goto(`${service.url}/konsol`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Kata sandi').fill(password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForSelector('#who-name:has-text("Dedi Pemulihan")');

    await page.locator('#tab-incidents').click();
    await page.locator('#list .item', { hasText: 'SIMPEG tidak dapat diakses' }).click();
    await page.locator('#incident-title').waitFor();
    await expect(page.locator('#incident-state').textContent()).resolves.toBe('Terbuka');
    await page.getByRole('heading', { name: 'Riwayat pemantauan' }).waitFor();
    await expect(page.locator('#incident-view .checks tbody tr').first().textContent()).resolves.toMatch(/ECONNREFUSED/);

    // A public update from the console reaches the status page.
    await page.getByLabel('Pesan (tampil di halaman status dan disampaikan bot)').fill('Server aplikasi sedang dinyalakan ulang.');
    await page.getByRole('button', { name: 'Kirim pembaruan' }).click();
    await page.locator('#incident-timeline li', { hasText: 'Server aplikasi sedang dinyalakan ulang.' }).waitFor();
    await eventually(async () => (await statusDocument(service.url)).incidents[0]!.updates.some((u) => u.message === 'Server aplikasi sedang dinyalakan ulang.'), 'the update on /api/v1/status', 20_000);

    // A citizen reports it: the open detail shows the linked ticket without a reload.
    const citizen = await new WebchatClient(service.url).open();
    const answer = WebchatClient.text(await citizen.say('simpeg error tidak bisa login dari pagi'));
    const ticket = TICKET_RE.exec(answer)![0];
    await page.locator('#incident-tickets button', { hasText: ticket }).waitFor();

    // Resolve with the linked tickets: one note, and the citizen is told once.
    await page.getByLabel('Pesan penutup (untuk publik dan setiap pelapor)').fill('SIMPEG sudah dapat diakses kembali.');
    await page.getByLabel('Penyebab (catatan pascainsiden, boleh diisi nanti)').fill('Layanan web berhenti setelah pembaruan sistem operasi.');
    await page.getByLabel('Tindakan yang dilakukan').fill('Layanan dinyalakan ulang dan dipasang pemulihan otomatis.');
    await expect(page.getByLabel(/Selesaikan juga 1 tiket tertaut/).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Nyatakan selesai' }).click();
    await page.locator('#incident-state:has-text("Selesai")').waitFor();
    await page.locator('#incident-notices:has-text("1 pelapor sudah diberi tahu")').waitFor({ timeout: 20_000 });
    const told = await citizen.waitFor((fresh) => fresh.some((m) => /sudah teratasi/.test(m.text)), 20_000);
    expect(WebchatClient.text(told)).toMatch(/SIMPEG sudah dapat diakses kembali/);
    expect((await service.store.getTicket(ticket))!.status).toBe('selesai');

    // Monitors view, then open an incident by hand for another service.
    await page.locator('#incident-show').selectOption('monitors');
    await page.locator('#list .item', { hasText: 'Layanan Kepegawaian' }).waitFor();
    await page.locator('#incident-new').click();
    await page.getByLabel('Layanan yang terganggu').selectOption('perizinan');
    await page.getByLabel('Judul (tampil di halaman status)').fill('Perizinan Online lambat');
    await page.getByLabel('Keterangan pertama untuk publik').fill('Pengajuan izin lambat diproses; tim sedang memeriksa.');
    await page.getByRole('button', { name: 'Buka insiden', exact: true }).click();
    await page.locator('#incident-title:has-text("Perizinan Online lambat")').waitFor();
    await eventually(async () => (await serviceStatus(service.url, 'perizinan')).state === 'down', 'perizinan down on the status page', 20_000);
    expect(errors).toEqual([]);
  });
});

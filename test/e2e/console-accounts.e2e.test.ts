/**
 * Officer accounts and the audit trail in a real browser (Debian Chromium) against the real
 * service: the koordinator-layanan creates an officer on the 'Petugas' screen; that officer logs
 * in on their own device; the koordinator deactivates them and their console drops back to the
 * log-in form at once (their session and live stream end); the 'Jejak audit' tab filters by action.
 */
import type { Browser, Page } from 'playwright-core';
import { addOrUpdateOfficer } from '../../src/officers/officer-admin';
import { launchBrowser, openPage } from '../helpers/browser';
import { startTestService, type TestService } from '../helpers/service';

jest.setTimeout(120_000);

let service: TestService;
let browser: Browser;

beforeAll(async () => {
  service = await startTestService();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await service?.cleanup();
});

async function logIn(page: Page, email: string, password: string, name: string) {
  await page.goto(`${service.url}/konsol`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForSelector(`#who-name:has-text("${name}")`);
}

it('the koordinator-layanan creates an officer, who logs in, is deactivated and is logged out at once; the audit tab filters by action', async () => {
  await addOrUpdateOfficer(service.store, service.knowledge, { email: 'kl@diskominfo.cirebonkab.go.id', password: 'sandi-koordinator-1', role: 'koordinator-layanan', agency: 'diskominfo', name: 'Rina Koordinator' });
  const koordinator = await openPage(browser);
  const kl = koordinator.page;
  await logIn(kl, 'kl@diskominfo.cirebonkab.go.id', 'sandi-koordinator-1', 'Rina Koordinator');

  // The officer screen: create an account.
  await kl.locator('#tab-officers').click();
  await kl.waitForSelector('#ofc-list .item[data-email="kl@diskominfo.cirebonkab.go.id"]');
  await kl.locator('#ofc-new-email').fill('andi@bkpsdm.cirebonkab.go.id');
  await kl.locator('#ofc-new-name').fill('Andi Pengelola');
  await kl.locator('#ofc-new-role').selectOption('pengelola-layanan');
  await kl.locator('#ofc-new-agency').selectOption('bkpsdm');
  // A password that is too short is refused with the server's message; the account is not made.
  await kl.locator('#ofc-new-password').fill('pendek');
  await kl.getByRole('button', { name: 'Buat akun' }).click();
  await kl.waitForSelector('#ofc-form-error:has-text("minimal 10 karakter")');
  expect(await service.store.findOfficerByEmail('andi@bkpsdm.cirebonkab.go.id')).toBeNull();
  await kl.locator('#ofc-new-password').fill('sandi-andi-2026');
  await kl.getByRole('button', { name: 'Buat akun' }).click();
  const row = kl.locator('#ofc-list .item[data-email="andi@bkpsdm.cirebonkab.go.id"]');
  await row.waitFor();
  expect(await row.textContent()).toMatch(/Andi Pengelola.*Aktif.*Pengelola Layanan/s);

  // The new officer logs in on their own device.
  const officer = await openPage(browser);
  const andi = officer.page;
  await logIn(andi, 'andi@bkpsdm.cirebonkab.go.id', 'sandi-andi-2026', 'Andi Pengelola');
  await andi.waitForSelector('#live-state:has-text("Terhubung")');
  expect(await andi.locator('#tab-officers').count()).toBe(0); // not for a pengelola
  expect(await andi.locator('#tab-audit').count()).toBe(0);

  // Deactivated: their console is back at the log-in form without them doing anything.
  await row.getByRole('button', { name: 'Nonaktifkan' }).click();
  await row.getByRole('button', { name: 'Ya, nonaktifkan' }).click();
  await kl.waitForSelector('#ofc-list .item[data-email="andi@bkpsdm.cirebonkab.go.id"][data-active="false"]');
  await andi.waitForSelector('#login-view:not([hidden])');
  expect(await andi.locator('#app-view').isHidden()).toBe(true);
  // And they cannot come back in.
  await andi.getByLabel('E-mail').fill('andi@bkpsdm.cirebonkab.go.id');
  await andi.getByLabel('Kata sandi').fill('sandi-andi-2026');
  await andi.getByRole('button', { name: 'Masuk' }).click();
  await andi.waitForSelector('#login-error:has-text("salah")');

  // The audit trail, filtered by action.
  await kl.locator('#tab-audit').click();
  await kl.waitForSelector('#audit-rows tr[data-action="auth.login"]');
  await kl.getByLabel('Tindakan').fill('officer.deactivate');
  await kl.getByRole('button', { name: 'Terapkan' }).click();
  await kl.waitForFunction(() => {
    const rows = Array.from(document.querySelectorAll('#audit-rows tr[data-action]'));
    return rows.length > 0 && rows.every((r) => r.getAttribute('data-action') === 'officer.deactivate');
  });
  const rows = kl.locator('#audit-rows tr[data-action]');
  expect(await rows.count()).toBe(1);
  expect(await rows.first().textContent()).toMatch(/Rina Koordinator.*Akun petugas dinonaktifkan/s);

  expect(koordinator.errors).toEqual([]);
  expect(officer.errors).toEqual([]);
  await koordinator.context.close();
  await officer.context.close();
});

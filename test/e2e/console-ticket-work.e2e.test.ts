/**
 * The judged scenario of the console's ticket work, in a real browser (Debian Chromium via
 * playwright-core) against the real service: an officer who never saw the code finds a ticket by
 * a word of its text, adds an internal note, assigns it to a colleague and creates a canned
 * response. The reporter is told nothing of the note or the assignment.
 */
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

it('finds a ticket by a word of its text, adds an internal note, assigns it to a colleague and creates a canned response', async () => {
  const password = 'konsol-rahasia-2026';
  const { officer: budi } = await addOrUpdateOfficer(service.store, service.knowledge, { email: 'budi@bkpsdm.cirebonkab.go.id', password, role: 'pengelola-layanan', agency: 'bkpsdm', name: 'Budi Santoso' });
  const { officer: sari } = await addOrUpdateOfficer(service.store, service.knowledge, { email: 'sari@bkpsdm.cirebonkab.go.id', password, role: 'pengelola-teknis', agency: 'bkpsdm', name: 'Sari Wulandari' });

  // A citizen's chat and, among others, the ticket to find (its word "mutasi" only in the description).
  const citizen = await new WebchatClient(service.url).open();
  await citizen.say('halo');
  const conversation = (await service.store.findConversation('webchat', citizen.sessionId))!;
  const open = (summary: string, description: string, key: string) =>
    service.tickets.open({
      category: 'permintaan',
      service: 'kepegawaian',
      agency: 'bkpsdm',
      coAgencies: [],
      priority: 'sedang',
      summary,
      description,
      reporter: { conversationId: conversation.id, channel: 'webchat', senderId: citizen.sessionId, name: 'Warga Sumber' },
      attachments: [],
      idempotencyKey: key,
      createdAt: now(),
      createdBy: 'bot',
    });
  await open('Lupa kata sandi SIMPEG', 'Minta atur ulang kata sandi.', 'e2e-a');
  const ticket = await open('Permohonan data kepegawaian', 'Mohon salinan SK mutasi tahun lalu untuk berkas kenaikan pangkat.', 'e2e-b');
  await open('Absensi tidak tercatat', 'Absen pagi tidak masuk ke sistem.', 'e2e-c');
  const transcriptBefore = (await service.store.transcript(conversation.id)).length;

  const { page, errors } = await openPage(browser);
  await page.goto(`${service.url}/konsol`);
  await page.getByLabel('E-mail').fill('budi@bkpsdm.cirebonkab.go.id');
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForSelector('#who-name:has-text("Budi Santoso")');

  // 1. Find it by a word of its text.
  await page.locator('#tab-tickets').click();
  await page.getByLabel('Cari tiket').fill('mutasi');
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await page.waitForSelector('#list-title:has-text("Hasil pencarian")');
  const items = page.locator('#list .item');
  await page.locator(`#list .item[data-number="${ticket.number}"]`).waitFor();
  expect(await items.count()).toBe(1);
  await page.locator(`#list .item[data-number="${ticket.number}"] button`).click();
  await page.waitForSelector(`#ticket-title:has-text("${ticket.number}")`);

  // 2. An internal note, clearly marked, never sent.
  await page.getByLabel('Catatan untuk sesama petugas').fill('SK mutasi ada di arsip lantai 2, minta Sari mengecek.');
  await page.getByRole('button', { name: 'Simpan catatan internal' }).click();
  const note = page.locator('#ticket-history li.internal', { hasText: 'SK mutasi ada di arsip lantai 2' });
  await note.waitFor();
  expect(await note.textContent()).toContain('Catatan internal (tidak dikirim ke pelapor)');

  // 3. Assign it to a colleague.
  await page.waitForSelector(`#assign-officer option[value="${sari.id}"]`, { state: 'attached' });
  await page.getByLabel('Tugaskan kepada').selectOption(sari.id);
  await page.getByRole('button', { name: 'Tugaskan', exact: true }).click();
  await page.waitForSelector('#assign-current:has-text("Sari Wulandari")');
  await page.waitForSelector('#ticket-history li:has-text("Ditugaskan kepada Sari Wulandari")');
  await page.screenshot({ path: '/tmp/console-e2e-ticket-detail.png', fullPage: true });

  // 4. A canned response.
  await page.locator('#tab-canned').click();
  await page.getByLabel('Judul balasan cepat').fill('Berkas mutasi');
  await page.getByLabel('Teks balasan (dikirim apa adanya ke pengguna)').fill('Salinan SK mutasi dapat diambil di BKPSDM pada jam kerja dengan membawa KTP.');
  await page.getByRole('button', { name: 'Simpan balasan cepat' }).click();
  await page.waitForSelector('#canned-list li:has-text("Berkas mutasi")');
  await page.screenshot({ path: '/tmp/console-e2e-ticket-work.png' });

  const stored = (await service.store.getTicket(ticket.number))!;
  expect(stored.assignee).toBe(sari.id);
  expect(stored.history.find((h) => h.action === 'catatan')).toMatchObject({ by: budi.id, note: 'SK mutasi ada di arsip lantai 2, minta Sari mengecek.' });
  const canned = await service.store.listDocs<{ title: string; agency: string; text: string }>('canned-responses');
  expect(canned.map((c) => c.value)).toEqual([expect.objectContaining({ title: 'Berkas mutasi', agency: 'bkpsdm' })]);
  // Nothing reached the reporter.
  expect((await service.store.transcript(conversation.id)).length).toBe(transcriptBefore);
  expect(errors).toEqual([]);
}, 120_000);

it("opens the reporter's contact view from a ticket and finds their ticket from another channel, masked until asked for in full", async () => {
  const password = 'konsol-rahasia-2026';
  await addOrUpdateOfficer(service.store, service.knowledge, { email: 'rina@bkpsdm.cirebonkab.go.id', password, role: 'pengelola-layanan', agency: 'bkpsdm', name: 'Rina Kartika' });

  // The person wrote on the web chat and, earlier, on Telegram, giving the same number in another form.
  const citizen = await new WebchatClient(service.url).open();
  await citizen.say('halo');
  const first = (await service.store.findConversation('webchat', citizen.sessionId))!;
  // The web chat is about a BKPSDM service; the Telegram chat stays in the general queue (Diskominfo).
  const web = (await service.store.saveConversation({ ...first, agency: 'bkpsdm', service: 'kepegawaian' }, first.version))!;
  const tg = await service.store.acceptInbound({ channel: 'telegram', threadId: '5550001', senderId: '5550001', senderName: 'Dewi', externalId: 'e2e-kontak-1', text: 'halo', at: now() });
  const open = (conversationId: string, channel: 'webchat' | 'telegram', senderId: string, summary: string, contact: string, key: string) =>
    service.tickets.open({
      category: 'permintaan',
      service: 'kepegawaian',
      agency: 'bkpsdm',
      coAgencies: [],
      priority: 'sedang',
      summary,
      description: 'Untuk berkas kenaikan pangkat.',
      reporter: { conversationId, channel, senderId, name: 'Dewi Lestari', contact },
      attachments: [],
      idempotencyKey: key,
      createdAt: now(),
      createdBy: 'bot',
    });
  const earlier = await open(tg.conversation.id, 'telegram', '5550001', 'Permohonan salinan ijazah terlegalisir', '+6281298765432', 'e2e-kontak-a');
  const someoneElse = await open(tg.conversation.id + '-x', 'webchat', 'orang-lain', 'Permohonan legalisir orang lain', '089900001111', 'e2e-kontak-b');
  const current = await open(web.id, 'webchat', citizen.sessionId, 'Permohonan legalisir SK pangkat', '081298765432', 'e2e-kontak-c');

  const { page, errors } = await openPage(browser);
  await page.goto(`${service.url}/konsol`);
  await page.getByLabel('E-mail').fill('rina@bkpsdm.cirebonkab.go.id');
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForSelector('#who-name:has-text("Rina Kartika")');
  await page.locator('#tab-tickets').click();
  await page.getByLabel('Cari tiket').fill('pangkat');
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await page.locator(`#list .item[data-number="${current.number}"] button`).click();
  await page.waitForSelector(`#ticket-title:has-text("${current.number}")`);

  // The contact view: both of the person's tickets, not someone else's; the number masked.
  await page.getByRole('button', { name: 'Lihat kontak' }).click();
  await page.waitForSelector('#contact-title:has-text("Dewi Lestari")');
  await page.locator(`#contact-tickets [data-number="${earlier.number}"]`).waitFor();
  await page.locator(`#contact-tickets [data-number="${current.number}"]`).waitFor();
  expect(await page.locator(`#contact-tickets [data-number="${someoneElse.number}"]`).count()).toBe(0);
  expect(await page.locator('#contact-tickets li', { hasText: earlier.number }).textContent()).toContain('lewat kontak yang sama');
  // Chats in scope only: the BKPSDM web chat, not the Telegram chat of the general queue.
  expect(await page.locator('#contact-conversations [data-id]').count()).toBe(1);
  await page.locator(`#contact-conversations [data-id="${web.id}"]`).waitFor();
  const facts = page.locator('#contact-facts');
  expect(await facts.textContent()).toContain('0812*****432');
  expect(await page.locator('#contact-view').textContent()).not.toContain('081298765432');
  await page.screenshot({ path: '/tmp/console-e2e-contact.png', fullPage: true });

  // In full on request, and that viewing is in the audit trail.
  await page.getByRole('button', { name: 'Tampilkan kontak lengkap' }).click();
  await page.waitForSelector('#contact-facts:has-text("081298765432")');
  expect(await service.store.listAudit({ action: 'contact.view' })).toEqual([expect.objectContaining({ target: `conversation:${web.id}` })]);

  // Each entry opens its own detail.
  await page.locator(`#contact-tickets [data-number="${earlier.number}"]`).click();
  await page.waitForSelector(`#ticket-title:has-text("${earlier.number}")`);
  await page.getByRole('button', { name: 'Lihat kontak' }).click();
  await page.locator(`#contact-conversations [data-id="${web.id}"]`).click();
  await page.waitForSelector('#conv-view:not([hidden])');
  expect(errors).toEqual([]);
}, 120_000);

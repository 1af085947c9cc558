/**
 * Journeys that span time and turns, at the dialogue level (the store-backed versions run in
 * test/integration/journeys-*.test.ts): waiting on the reporter, tracking with a contact proof,
 * the honest human queue, stale buttons, files, leaving a flow by a new request, prompts that
 * accept natural answers.
 */
import type { MediaRef } from '../../../src/domain/messages';
import type { DialogueEngine } from '../../../src/dialogue/engine';
import { contactKey, parseContact, parseNip, sameContact } from '../../../src/dialogue/validators';
import { Chat, MemoryPorts, MONDAY_0900, newDialogue, SATURDAY_1000, VALID_NIP } from './helpers/harness';

const dialogue = newDialogue();

const PHOTO: MediaRef = { kind: 'image', mimeType: 'image/jpeg', sizeBytes: 2048, storageKey: `${'a'.repeat(64)}.jpg` };
const LOST_PHOTO: MediaRef = { kind: 'image', mimeType: 'image/jpeg', sizeBytes: 2048 };

async function reportTicket(ports: MemoryPorts, opts: { contact?: string } = {}): Promise<{ chat: Chat; number: string }> {
  const chat = new Chat(dialogue, ports, { contact: opts.contact ?? '081234567890' });
  await chat.send('perizinan online tidak bisa upload dokumen sejak kemarin', { type: 'gangguan', service: 'perizinan' });
  await chat.send('lewati');
  await chat.send('kirim');
  return { chat, number: chat.conversation.ticketNumber! };
}

describe('prompts that accept people', () => {
  test('a NIP or phone number inside a sentence, in groups, in any usual form', () => {
    expect(parseNip('nip sy 199001012015032001')).toBe('199001012015032001');
    expect(parseNip('NIP: 1990 0101 2015 03 2 001 ya pak')).toBe('199001012015032001');
    expect(parseNip('nip saya 12345')).toBeNull();
    expect(parseContact('no hp saya 0812-3456-7890')).toBe('081234567890');
    expect(parseContact('wa saya +62 812 3456 7890 a.n. Budi')).toBe('+6281234567890');
    expect(parseContact('email: Budi.Santoso@Cirebonkab.go.id')).toBe('budi.santoso@cirebonkab.go.id');
    expect(parseContact('nip 199001012015032001')).toBeNull();
    expect(sameContact('+62 812-3456-7890', '081234567890')).toBe(true);
    expect(sameContact('6281234567890', '0812 3456 7890')).toBe(true);
    expect(sameContact('081234567890', '081234567891')).toBe(false);
    expect(contactKey('Warga@Gmail.com ')).toBe('warga@gmail.com');
  });

  test('"nip sy …" at the NIP step and "muhun kirim" at the confirmation', async () => {
    const ports = new MemoryPorts();
    const chat = new Chat(dialogue, ports);
    await chat.send('SIMPEG tidak bisa login sejak pagi tadi', { type: 'gangguan', service: 'kepegawaian' });
    await chat.send('no hp saya 0812-3456-7890');
    expect(chat.step).toBe('nip');
    await chat.send(`nip sy ${VALID_NIP}`);
    expect(chat.step).toBe('lampiran');
    await chat.send('teu aya');
    expect(chat.step).toBe('konfirmasi');
    await chat.send('muhun kirim');
    expect(ports.tickets.size).toBe(1);
    expect([...ports.tickets.values()][0]!.reporter).toMatchObject({ contact: '081234567890', nip: VALID_NIP });
  });

  test.each(['iya kirim aja', 'nggih', 'Ya kirim dong pak', 'sumuhun'])('"%s" sends the report', async (answer) => {
    const ports = new MemoryPorts();
    const chat = new Chat(dialogue, ports, { contact: '081234567890' });
    await chat.send('perizinan online tidak bisa upload dokumen sejak kemarin', { type: 'gangguan', service: 'perizinan' });
    await chat.send('lewati');
    expect(chat.step).toBe('konfirmasi');
    await chat.send(answer);
    expect(ports.tickets.size).toBe(1);
  });

  test('"henteu" and "ora" are no', async () => {
    for (const no of ['henteu', 'ora pak']) {
      const chat = new Chat(dialogue, new MemoryPorts());
      await chat.send('lupa password simpeg', { type: 'informasi', faq: { id: 'simpeg-lupa-password', score: 0.9 } });
      await chat.send(no);
      expect(chat.options).toContain('Bicara dengan petugas');
    }
  });
});

describe('an explicit request for a human wins over any flow', () => {
  test.each([
    ['Cirebonese', 'kula pengen ngomong karo petugase langsung bae, aplikasi simpeg ora bisa login'],
    ['Sundanese', 'abdi hoyong nyarios sareng petugas wae'],
    ['English', 'can I talk to a real person please'],
    ['Indonesian', 'tolong hubungkan saya dengan operator'],
  ])('%s, as the first message and in the middle of a report', async (_lang, text) => {
    const first = new Chat(dialogue, new MemoryPorts());
    await first.send(text, { type: 'gangguan', service: 'kepegawaian', confidence: 0.94 });
    expect(first.last!.handoff).toBe(true);

    const mid = new Chat(dialogue, new MemoryPorts());
    await mid.send('simpeg error terus', { type: 'gangguan', service: 'kepegawaian' });
    expect(mid.step).toBe('deskripsi');
    await mid.send(text, { type: 'gangguan', service: 'kepegawaian', confidence: 0.94 });
    expect(mid.last!.handoff).toBe(true);
    expect(mid.text).toContain('antrean petugas');
  });

  test.each([
    'saya sudah bicara dengan petugas tapi tidak ada hasil',
    'petugas di loket tidak ramah',
    'petugasnya tidak mau bicara dengan saya',
  ])('"%s" is not a request for a human', async (text) => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send(text, { type: 'keluhan', confidence: 0.9 });
    expect(chat.last!.handoff).toBe(false);
  });
});

describe('the honest human queue', () => {
  test('the place in the queue, batal leaves it and the bot says so', async () => {
    const ports = new MemoryPorts();
    ports.position = 3;
    const chat = new Chat(dialogue, ports, { now: MONDAY_0900 });
    await chat.send('saya mau bicara dengan petugas', { type: 'minta_agen' });
    expect(chat.text).toContain('urutan ke-**3**');
    expect(chat.conversation.owner).toBe('waiting');

    await chat.send('halo? masih lama?');
    expect(chat.text).toBe(''); // told a minute ago: no repeat yet
    chat.now += 15 * 60_000;
    await chat.send('halo? masih lama?');
    expect(chat.text).toContain('urutan ke-**3**');
    await chat.send('batal');
    expect(chat.last!.leftQueue).toBe(true);
    expect(chat.text).toContain('keluar dari antrean petugas');
    expect(chat.conversation.owner).toBe('bot');
    expect(chat.options).toContain('Lapor gangguan');
  });

  test('outside office hours a waiting user hears when officers are back', async () => {
    const chat = new Chat(dialogue, new MemoryPorts(), { now: SATURDAY_1000 });
    await chat.send('petugas', { type: 'minta_agen' });
    chat.now += 20 * 60_000;
    await chat.send('ada orang?');
    expect(chat.text).toContain('di luar jam layanan');
    expect(chat.text).toContain('Senin, 23 November 2026 pukul 07.30 WIB');
  });

  test('"ok sy mau ajukan skrg" after an answer starts a request for that service, not the queue', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('syarat akun simpeg', { type: 'informasi', service: 'kepegawaian', faq: { id: 'simpeg-lupa-password', score: 0.9 } });
    expect(chat.flowId).toBe('informasi');
    await chat.send('ok sy mau ajukan skrg', { type: 'minta_agen', confidence: 0.48 });
    expect(chat.last!.handoff).toBe(false);
    expect(chat.flowId).toBe('permintaan');
  });
});

describe('waiting on the reporter', () => {
  test('the next message is the answer: it lands on the ticket and the officer who asked takes the chat', async () => {
    const ports = new MemoryPorts();
    const { chat, number } = await reportTicket(ports);
    ports.asker = { id: 'ofc-1', name: 'Rina' };
    ports.ask(number, 'Mohon kirim tangkapan layar pesan error-nya.', chat.now);
    await chat.send('ini pak, muncul tulisan error 500', { type: 'gangguan', confidence: 0.2 }, [PHOTO]);
    expect(ports.reporterReplies).toEqual([{ number, text: 'ini pak, muncul tulisan error 500', media: [PHOTO] }]);
    expect(chat.text).toContain(`ditambahkan ke tiket **${number}**`);
    expect(chat.text).toContain('Rina');
    expect(chat.last!.assign).toEqual({ officerId: 'ofc-1', agency: 'dpmptsp' });
    expect(ports.tickets.get(number)!.status).toBe('diproses');
  });

  test('a message about something else is held and the user is asked which it is', async () => {
    const ports = new MemoryPorts();
    const { chat, number } = await reportTicket(ports);
    ports.ask(number, 'Sejak kapan terjadi?', chat.now);
    await chat.send('saya mau lapor jaringan internet kantor mati', { type: 'gangguan', service: 'infrastruktur-tik', confidence: 0.98 });
    expect(chat.text).toContain(`Tiket **${number}** sedang menunggu tanggapan Anda`);
    expect(chat.text).toContain('Sejak kapan terjadi?');
    expect(ports.reporterReplies).toHaveLength(0);
    await chat.send('Bukan, hal lain');
    expect(chat.flowId).toBe('lapor-gangguan'); // the held message, handled as a new report
    expect(ports.reporterReplies).toHaveLength(0);
    expect(ports.tickets.get(number)!.status).toBe('menunggu_pelapor');
  });

  test('"ya" to "is this the answer?" adds the held message', async () => {
    const ports = new MemoryPorts();
    const { chat, number } = await reportTicket(ports);
    ports.ask(number, 'Apakah Anda juga memakai aplikasi lain?', chat.now);
    const text = 'saya juga mau tanya cara daftar srikandi';
    await chat.send(text, { type: 'informasi', service: 'kearsipan', confidence: 0.9, faq: { id: 'simpeg-lupa-password', score: 0.9 } });
    expect(chat.flowId).toBe('tanggapan-pelapor');
    await chat.send('iya');
    expect(ports.reporterReplies.map((r) => r.text)).toEqual([text]);
  });

  test('a natural answer naming some other thing is still the answer; a greeting is answered and the answer awaited', async () => {
    const ports = new MemoryPorts();
    const { chat, number } = await reportTicket(ports);
    ports.ask(number, 'Berkas apa yang gagal diunggah?', chat.now);
    await chat.send('selamat siang pak', { type: 'sapaan', confidence: 0.99 });
    expect(ports.reporterReplies).toHaveLength(0);
    const answer = 'Berkas KTP format PDF, muncul tulisan ukuran melebihi batas';
    await chat.send(answer, { type: 'perubahan', service: 'kependudukan', confidence: 0.77 });
    expect(ports.reporterReplies.map((r) => r.text)).toEqual([answer]);
  });
});

describe('tracking from another conversation', () => {
  test('proven by the contact in another form: status and the last note for the reporter', async () => {
    const ports = new MemoryPorts();
    const { number } = await reportTicket(ports);
    const t = ports.tickets.get(number)!;
    ports.tickets.set(number, { ...t, status: 'diproses', history: [...t.history, { at: t.createdAt, by: 'ofc-1', action: 'status', from: 'ditugaskan', to: 'diproses', note: 'Server sedang diperbaiki' }, { at: t.createdAt, by: 'ofc-1', action: 'catatan', note: 'RAHASIA internal' }] });
    const other = new Chat(dialogue, ports, { channel: 'telegram' });
    await other.send(`/tiket ${number}`, { type: 'lacak_tiket', ticketNumber: number });
    expect(other.text).not.toContain('Sedang diproses');
    await other.send('nomor saya +62 812-3456-7890');
    expect(other.text).toContain('Status: **Sedang diproses**');
    expect(other.text).toContain('Catatan petugas terakhir: Server sedang diperbaiki');
    expect(other.text).not.toContain('RAHASIA');
  });

  test('wrong proofs are limited per ticket', async () => {
    const ports = new MemoryPorts();
    const { number } = await reportTicket(ports);
    const limit = (dialogue as DialogueEngine).deps.flows.lacak.batas_percobaan.per_tiket;
    for (let i = 0; i < limit; i++) {
      const guesser = new Chat(dialogue, ports);
      await guesser.send(`lacak ${number}`, { type: 'lacak_tiket', ticketNumber: number });
      await guesser.send(`0812345678${String(i).padStart(2, '0')}`);
      expect(guesser.text).toContain('tidak cocok');
    }
    const late = new Chat(dialogue, ports);
    await late.send(`lacak ${number}`, { type: 'lacak_tiket', ticketNumber: number });
    expect(late.text).toContain('Terlalu banyak percobaan');
    expect(late.text).not.toContain('nomor HP atau email');
  });

  test('a ticket waiting on the reporter can be answered from the new conversation once proven', async () => {
    const ports = new MemoryPorts();
    const { chat, number } = await reportTicket(ports);
    ports.ask(number, 'Mohon kirim nomor berkas permohonan.', chat.now);
    const other = new Chat(dialogue, ports);
    await other.send(`lacak ${number}`, { type: 'lacak_tiket', ticketNumber: number });
    await other.send('081234567890');
    expect(other.text).toContain('Mohon kirim nomor berkas permohonan.');
    await other.send('nomor berkasnya 503/123/DPMPTSP', { type: 'informasi', confidence: 0.3 });
    expect(ports.reporterReplies.map((r) => r.text)).toEqual(['nomor berkasnya 503/123/DPMPTSP']);
  });
});

describe('buttons that cannot lie', () => {
  test('a button of a question that moved on is stale; a current one works', async () => {
    const ports = new MemoryPorts();
    const chat = new Chat(dialogue, ports, { contact: '081234567890' });
    await chat.send('perizinan online tidak bisa upload dokumen sejak kemarin', { type: 'gangguan', service: 'perizinan' });
    const lampiranContext = chat.context!;
    expect(lampiranContext).toBeDefined();
    await chat.send('lewati', undefined, undefined, lampiranContext);
    expect(chat.step).toBe('konfirmasi');
    const konfirmasiContext = chat.context!;
    expect(konfirmasiContext).not.toBe(lampiranContext);
    // The old "Lewati" pressed again: not re-read as an answer to the confirmation.
    await chat.send('lewati', undefined, undefined, lampiranContext);
    expect(chat.text).toContain('sudah tidak berlaku');
    expect(chat.step).toBe('konfirmasi');
    await chat.send('kirim', undefined, undefined, konfirmasiContext);
    expect(ports.tickets.size).toBe(1);
    // After the flow ended, its buttons are stale too: the menu is offered instead.
    await chat.send('batal', undefined, undefined, konfirmasiContext);
    expect(chat.text).toContain('sudah tidak berlaku');
    expect(chat.options).toContain('Lapor gangguan');
  });

  test('after a wrong ticket number a clear new report starts the report', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('cek tiket', { type: 'lacak_tiket' });
    await chat.send('12345');
    expect(chat.text).toContain('belum seperti nomor tiket');
    await chat.send('saya mau lapor simpeg error sejak tanggal 5', { type: 'gangguan', service: 'kepegawaian', confidence: 0.8 });
    expect(chat.flowId).toBe('lapor-gangguan');
  });

  test('a confident new request leaves a report step that does not accept it, and says so', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('SIMPEG tidak bisa login sejak pagi tadi', { type: 'gangguan', service: 'kepegawaian' });
    expect(chat.step).toBe('kontak');
    await chat.send('bagaimana cara reset password srikandi', { type: 'informasi', service: 'kearsipan', confidence: 0.9, faq: { id: 'simpeg-lupa-password', score: 0.9 } });
    expect(chat.text).toContain('laporan gangguan tidak saya lanjutkan');
    expect(chat.flowId).toBe('informasi');
  });

  test('/bantuan lists the commands on Telegram, without breaking the flow', async () => {
    const chat = new Chat(dialogue, new MemoryPorts(), { channel: 'telegram' });
    await chat.send('SIMPEG tidak bisa login sejak pagi tadi', { type: 'gangguan', service: 'kepegawaian' });
    await chat.send('bantuan');
    for (const command of ['/menu', '/tiket', '/batal', '/bantuan', '/start']) expect(chat.text).toContain(command);
    expect(chat.step).toBe('kontak');
  });
});

describe('files', () => {
  test('a file that did not arrive is said so and not counted; a stored one is', async () => {
    const ports = new MemoryPorts();
    const chat = new Chat(dialogue, ports, { contact: '081234567890' });
    await chat.send('perizinan online tidak bisa upload dokumen sejak kemarin', { type: 'gangguan', service: 'perizinan' });
    expect(chat.step).toBe('lampiran');
    await chat.send('', undefined, [LOST_PHOTO]);
    expect(chat.text).toContain('tidak berhasil kami terima');
    expect(chat.text).not.toMatch(/\d berkas diterima/);
    expect(chat.step).toBe('lampiran');
    await chat.send('', undefined, [PHOTO]);
    expect(chat.text).toContain('1 berkas diterima');
    await chat.send('kirim');
    expect([...ports.tickets.values()][0]!.attachments).toEqual([PHOTO]);
  });

  test('a photo outside a report is acknowledged, and carried into the report the user picks', async () => {
    const ports = new MemoryPorts();
    const chat = new Chat(dialogue, ports, { contact: '081234567890' });
    await chat.send('', undefined, [PHOTO]);
    expect(chat.text).toContain('1 berkas sudah kami terima');
    expect(chat.options).toContain('Lapor gangguan');
    await chat.send('Lapor gangguan');
    expect(chat.flowId).toBe('lapor-gangguan');
    await chat.send('perizinan');
    await chat.send('tidak bisa upload dokumen sejak kemarin sore');
    while (chat.step !== 'konfirmasi') await chat.send('lewati');
    expect(chat.text).toContain('1 berkas');
    await chat.send('kirim');
    expect([...ports.tickets.values()][0]!.attachments).toEqual([PHOTO]);
  });
});

import { TICKET_NUMBER_PATTERN } from '../../../src/domain/ids';
import { Chat, MemoryPorts, newDialogue, VALID_NIP } from './helpers/harness';

const dialogue = newDialogue();

describe('report flows', () => {
  test('a full gangguan report from "simpeg error terus" to a ticket', async () => {
    const ports = new MemoryPorts();
    const chat = new Chat(dialogue, ports);
    await chat.send('simpeg error terus', { type: 'gangguan', service: 'kepegawaian', agency: 'bkpsdm' });
    expect(chat.text).toContain('laporan gangguan **SIMPEG** untuk diteruskan ke BKPSDM');
    expect(chat.step).toBe('deskripsi'); // "error terus" alone is too thin a description

    await chat.send('error');
    expect(chat.step).toBe('deskripsi');
    expect(chat.text).toContain('terlalu singkat');

    await chat.send('Tidak bisa login sejak pagi, muncul pesan error 500');
    expect(chat.step).toBe('kontak');
    await chat.send('bisa dihubungi di 0812-3456-7890');
    expect(chat.last!.identity).toEqual({ contact: '081234567890' });
    expect(chat.step).toBe('nip'); // kepegawaian is an administrasi service
    await chat.send('12345');
    expect(chat.step).toBe('nip');
    expect(chat.text).toContain('18 digit');
    await chat.send(VALID_NIP);
    expect(chat.step).toBe('lampiran');
    await chat.send('lewati');
    expect(chat.step).toBe('konfirmasi');
    expect(chat.text).toContain('Tidak bisa login sejak pagi');
    expect(chat.text).toContain(VALID_NIP);
    expect(chat.options).toEqual(['Ya, kirim', 'Ubah', 'Batal']);
    expect(ports.tickets.size).toBe(0);

    await chat.send('Ya, kirim');
    expect(ports.tickets.size).toBe(1);
    const ticket = [...ports.tickets.values()][0]!;
    expect(ticket).toMatchObject({
      category: 'gangguan',
      service: 'kepegawaian',
      agency: 'bkpsdm',
      coAgencies: [],
      priority: 'sedang',
      description: 'Tidak bisa login sejak pagi, muncul pesan error 500',
      reporter: { conversationId: chat.conversation.id, contact: '081234567890', nip: VALID_NIP },
    });
    expect(ticket.number).toMatch(TICKET_NUMBER_PATTERN);
    expect(chat.text).toContain(`**${ticket.number}**`);
    expect(chat.text).toContain('Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM)');
    expect(chat.text).toContain('target 2 jam kerja');
    expect(chat.last!.ticketNumber).toBe(ticket.number);
    expect(chat.conversation.flow).toBeNull();
  });

  test('NIP is not asked for a publik service; gangguan there is tinggi priority', async () => {
    const ports = new MemoryPorts();
    const chat = new Chat(dialogue, ports);
    await chat.send('perizinan online tidak bisa upload dokumen sejak kemarin', { type: 'gangguan', service: 'perizinan' });
    expect(chat.step).toBe('kontak');
    await chat.send('warga@gmail.com');
    expect(chat.step).toBe('lampiran');
    await chat.send('lewati');
    expect(chat.text).not.toContain('NIP');
    await chat.send('1');
    const ticket = [...ports.tickets.values()][0]!;
    expect(ticket).toMatchObject({ category: 'gangguan', service: 'perizinan', agency: 'dpmptsp', priority: 'tinggi' });
    expect(ticket.reporter.nip).toBeUndefined();
  });

  test('known contact and NIP are not asked again', async () => {
    const chat = new Chat(dialogue, new MemoryPorts(), { contact: '081111111111', nip: VALID_NIP });
    await chat.send('SIMPEG tidak bisa dibuka sejak pagi', { type: 'gangguan', service: 'kepegawaian' });
    expect(chat.step).toBe('lampiran');
  });

  test('unknown service: asks with options, accepts a typed app name', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('mau lapor gangguan', { type: 'gangguan' });
    expect(chat.text).toContain('Perangkat Daerah pengelola layanannya');
    expect(chat.step).toBe('layanan');
    expect(chat.options[0]).toBe('SIMPEG (Layanan Kepegawaian)');
    expect(chat.options).toContain('Lainnya / tidak tahu');
    await chat.send('aplikasi srikandi');
    expect(chat.text).toContain('**SRIKANDI**, dikelola Disarpus');
    expect(chat.conversation.service).toBe('kearsipan');
    expect(chat.step).toBe('deskripsi');
  });

  test('unknown service: accepts an option number, and the resolveService dependency', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('mau lapor gangguan', { type: 'gangguan' });
    await chat.send('3');
    expect(chat.conversation.service).toBe('keuangan');

    const custom = newDialogue({ resolveService: (text) => (text.includes('absen') ? 'kinerja-pegawai' : null) });
    const other = new Chat(custom, new MemoryPorts());
    await other.send('mau lapor gangguan', { type: 'gangguan' });
    await other.send('aplikasi absen');
    expect(other.conversation.service).toBe('kinerja-pegawai');
  });

  test('unrecognised service is re-asked; "Lainnya" routes to Diskominfo', async () => {
    const ports = new MemoryPorts();
    const chat = new Chat(dialogue, ports, { contact: '081234567890' });
    await chat.send('mau lapor gangguan', { type: 'gangguan' });
    await chat.send('aplikasi antah berantah');
    expect(chat.step).toBe('layanan');
    expect(chat.text).toContain('belum mengenali');
    await chat.send('Lainnya / tidak tahu');
    expect(chat.step).toBe('deskripsi');
    await chat.send('Ada aplikasi yang tidak bisa dibuka sejak pagi');
    await chat.send('lewati');
    await chat.send('kirim');
    expect([...ports.tickets.values()][0]).toMatchObject({ service: null, agency: 'diskominfo' });
  });

  test('service ambiguity asks with the candidate services', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('aplikasi kinerja error', { type: 'gangguan', ambiguity: { kind: 'service', candidates: ['kinerja-pegawai', 'sakip'] } });
    expect(chat.text).toContain('Gangguan pada layanan yang mana?');
    expect(chat.options).toEqual(['e-Kinerja/SIPEKA (Layanan Kinerja Pegawai)', 'e-SAKIP (Layanan Akuntabilitas Kinerja Organisasi)', 'Lainnya / tidak tahu']);
    await chat.send('2');
    expect(chat.conversation.service).toBe('sakip');
  });

  test('co-owner agencies are mentioned and stored', async () => {
    const ports = new MemoryPorts();
    const chat = new Chat(dialogue, ports, { contact: '081234567890' });
    await chat.send('sipepek tidak bisa menyimpan data warga sejak kemarin', { type: 'gangguan', service: 'slrt' });
    await chat.send('lewati');
    await chat.send('Ya, kirim');
    expect([...ports.tickets.values()][0]).toMatchObject({ agency: 'dinsos', coAgencies: ['dinkes'] });
    expect(chat.text).toContain('Dinas Sosial (Dinsos), bersama Dinas Kesehatan (Dinkes)');
  });

  test('WhatsApp: "pakai nomor ini" uses the sender number', async () => {
    const ports = new MemoryPorts();
    const chat = new Chat(dialogue, ports, { channel: 'whatsapp', senderId: '6281234567890@c.us' });
    await chat.send('SIMPEG tidak bisa dibuka sejak pagi', { type: 'gangguan', service: 'kepegawaian' });
    expect(chat.text).toContain('+6281234567890');
    expect(chat.options).toEqual(['Pakai nomor ini']);
    await chat.send('1');
    expect(chat.conversation.identity.contact).toBe('+6281234567890');
    expect(chat.step).toBe('nip');
    await chat.send('Saya bukan ASN');
    expect(chat.step).toBe('lampiran');
  });

  test('a photo is attached; Ubah lets the user change one field and returns to the summary', async () => {
    const ports = new MemoryPorts();
    const chat = new Chat(dialogue, ports, { contact: '081234567890', nip: VALID_NIP });
    await chat.send('SIMPEG tidak bisa dibuka sejak pagi', { type: 'gangguan', service: 'kepegawaian' });
    await chat.send('', undefined, [{ kind: 'image', mimeType: 'image/jpeg', sizeBytes: 1000, storageKey: 'a1' }]);
    expect(chat.text).toContain('1 berkas diterima');
    expect(chat.step).toBe('konfirmasi');
    await chat.send('Ubah');
    expect(chat.options).toEqual(['Layanan', 'Uraian gangguan', 'Kontak', 'NIP', 'Lampiran']);
    await chat.send('Uraian gangguan');
    expect(chat.step).toBe('deskripsi');
    await chat.send('Halaman login SIMPEG menampilkan error 502 bad gateway');
    expect(chat.step).toBe('konfirmasi');
    expect(chat.text).toContain('error 502 bad gateway');
    await chat.send('kirim');
    const t = [...ports.tickets.values()][0]!;
    expect(t.description).toBe('Halaman login SIMPEG menampilkan error 502 bad gateway');
    expect(t.attachments).toHaveLength(1);
  });

  test('each category has its own wording and category', async () => {
    for (const [type, text, expected] of [
      ['keluhan', 'keluhan', 'keluhan Anda tentang **SIKATON**'],
      ['permintaan', 'permintaan', 'permintaan untuk **SIKATON**'],
      ['perubahan', 'perubahan', 'usulan perubahan untuk **SIKATON**'],
    ] as const) {
      const ports = new MemoryPorts();
      const chat = new Chat(dialogue, ports, { contact: '081234567890', nip: VALID_NIP });
      await chat.send(`${text} sikaton`, { type, service: 'keuangan' });
      expect(chat.text).toContain(expected);
      await chat.send('Uraian yang cukup panjang untuk tiket ini');
      await chat.send('lewati');
      await chat.send('kirim');
      expect([...ports.tickets.values()][0]).toMatchObject({ category: type, agency: 'bkad' });
    }
  });
});

describe('report flows: shortcuts', () => {
  test('a typed service answer that also describes the problem fills the description', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('mau lapor gangguan', { type: 'gangguan' });
    await chat.send('SIMPEG, tidak bisa login dari pagi tadi');
    expect(chat.conversation.service).toBe('kepegawaian');
    expect(chat.step).toBe('kontak');
  });

  test('asking for an officer mid-flow is honoured when the NLU is sure, otherwise it is an answer', async () => {
    const sure = new Chat(dialogue, new MemoryPorts());
    await sure.send('simpeg error terus', { type: 'gangguan', service: 'kepegawaian' });
    await sure.send('saya mau bicara dengan petugas saja', { type: 'minta_agen', confidence: 0.9 });
    expect(sure.last!.handoff).toBe(true);
    expect(sure.flowId).toBe('minta-agen');

    const unsure = new Chat(dialogue, new MemoryPorts());
    await unsure.send('simpeg error terus', { type: 'gangguan', service: 'kepegawaian' });
    await unsure.send('petugas bilang harus lapor ke sini, tidak bisa login', { type: 'minta_agen', confidence: 0.5 });
    expect(unsure.last!.handoff).toBe(false);
    expect(unsure.step).toBe('kontak');
  });
});

import { Chat, MemoryPorts, newDialogue } from './helpers/harness';

const dialogue = newDialogue();

describe('first message answers what was asked', () => {
  test('a question gets its FAQ answer, not the menu', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('bagaimana reset password simpeg', { type: 'informasi', service: 'kepegawaian', faq: { id: 'simpeg-lupa-password', score: 0.8 } });
    expect(chat.text).toContain('Untuk mengatur ulang kata sandi SIMPEG');
    expect(chat.text).toContain('Apakah jawaban ini membantu?');
    expect(chat.options).toEqual(['Ya', 'Tidak']);
    expect(chat.options).not.toContain('Lapor gangguan');
  });

  test('a report gets the report flow at once and says where it goes', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('SIMPEG tidak bisa dibuka sejak pagi', { type: 'gangguan', service: 'kepegawaian', agency: 'bkpsdm' });
    expect(chat.text).toMatch(/^Baik, saya bantu catat laporan gangguan \*\*SIMPEG\*\* untuk diteruskan ke BKPSDM/);
    // The message already describes the problem: the next question is the contact, not the description.
    expect(chat.step).toBe('kontak');
    expect(chat.text).toContain('Nomor HP atau email');
  });

  test('only a greeting gets the greeting and the menu', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('halo selamat pagi', { type: 'sapaan' });
    expect(chat.text).toContain('Selamat pagi');
    expect(chat.text).toContain('Helpdesk SPBE');
    expect(chat.options).toEqual([
      'Tanya informasi layanan',
      'Lapor gangguan',
      'Ajukan permintaan',
      'Sampaikan keluhan',
      'Usul perubahan',
      'Lacak tiket',
      'Bicara dengan petugas',
    ]);
  });

  test('thanks and goodbye get a short polite closing without a menu', async () => {
    const thanks = new Chat(dialogue, new MemoryPorts());
    await thanks.send('makasih ya min', { type: 'sapaan' });
    expect(thanks.text).toContain('Sama-sama');
    expect(thanks.options).toEqual([]);
    expect(thanks.conversation.flow).toBeNull();

    const bye = new Chat(dialogue, new MemoryPorts());
    await bye.send('oke dadah', { type: 'sapaan' });
    expect(bye.text).toContain('Sampai jumpa');
  });

  test('out of scope: polite refusal that says what the helpdesk does, with the menu', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('resep rendang dong', { type: 'di_luar_layanan' });
    expect(chat.text).toContain('di luar layanan Helpdesk SPBE');
    expect(chat.options).toContain('Lapor gangguan');
  });

  test('low confidence: honest "belum yakin" with a ticket or an officer on offer', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('itu lho yang kemarin', { type: 'informasi', confidence: 0.15 });
    expect(chat.text).toContain('belum yakin');
    expect(chat.options).toEqual(['Lapor gangguan', 'Sampaikan keluhan', 'Buat tiket pertanyaan', 'Bicara dengan petugas', 'Lihat menu']);
  });

  test('type ambiguity: asks which, and the answer routes as if sure', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('akun srikandi saya', { type: 'gangguan', service: 'kearsipan', confidence: 0.5, ambiguity: { kind: 'type', candidates: ['gangguan', 'permintaan'] } });
    expect(chat.text).toContain('belum yakin');
    expect(chat.options).toEqual(['Melaporkan gangguan', 'Mengajukan permintaan layanan']);
    await chat.send('2');
    expect(chat.flowId).toBe('permintaan');
    expect(chat.text).toContain('permintaan untuk **SRIKANDI**');
  });

  test('"Tanya informasi layanan" lists the services by kind', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('menu');
    await chat.send('1');
    expect(chat.text).toContain('**Layanan Administrasi Pemerintahan**');
    expect(chat.text).toContain('- Layanan Kepegawaian (SIMPEG)');
    expect(chat.text).toContain('**Layanan Publik**');
    expect(chat.text).toContain('**Infrastruktur TIK**');
  });
});

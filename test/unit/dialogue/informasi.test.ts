import { Chat, MemoryPorts, newDialogue } from './helpers/harness';

const dialogue = newDialogue();
const FAQ = { type: 'informasi' as const, service: 'kepegawaian', faq: { id: 'simpeg-lupa-password', score: 0.8 } };

describe('informasi', () => {
  test('"Ya" thanks and ends the flow', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('lupa password simpeg', FAQ);
    await chat.send('ya');
    expect(chat.text).toContain('Syukurlah');
    expect(chat.conversation.flow).toBeNull();
  });

  test('"Tidak" offers an officer or a question ticket; the ticket goes to the service\'s primary agency', async () => {
    const ports = new MemoryPorts();
    const chat = new Chat(dialogue, ports);
    await chat.send('lupa password simpeg gimana caranya', FAQ);
    await chat.send('Tidak');
    expect(chat.options).toEqual(['Bicara dengan petugas', 'Buat tiket pertanyaan']);
    await chat.send('2');
    expect(chat.text).toContain('tiket pertanyaan agar dijawab oleh BKPSDM');
    expect(chat.step).toBe('kontak'); // the question itself is the description
    await chat.send('nama.saya@cirebonkab.go.id');
    expect(chat.step).toBe('konfirmasi');
    expect(chat.text).toContain('lupa password simpeg gimana caranya');
    await chat.send('Ya, kirim');
    const [ticket] = [...ports.tickets.values()];
    expect(ticket).toMatchObject({ category: 'informasi', service: 'kepegawaian', agency: 'bkpsdm', description: 'lupa password simpeg gimana caranya' });
    expect(ticket!.reporter.contact).toBe('nama.saya@cirebonkab.go.id');
    expect(chat.text).toContain(ticket!.number);
  });

  test('a question ticket without a service goes to Diskominfo', async () => {
    const ports = new MemoryPorts();
    const chat = new Chat(dialogue, ports, { contact: '081234567890' });
    await chat.send('apa itu spbe sebenarnya', { type: 'informasi', faq: { id: 'spbe-pengertian', score: 0.9 } });
    await chat.send('tidak');
    await chat.send('Buat tiket pertanyaan');
    expect(chat.step).toBe('konfirmasi'); // contact known from identity
    await chat.send('kirim');
    expect([...ports.tickets.values()][0]).toMatchObject({ category: 'informasi', service: null, agency: 'diskominfo' });
  });

  test('typing a new question instead of yes/no answers it', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('lupa password simpeg', FAQ);
    await chat.send('apa itu spbe', { type: 'informasi', faq: { id: 'spbe-pengertian', score: 0.9 } });
    expect(chat.text).toContain('SPBE adalah Sistem Pemerintahan Berbasis Elektronik');
    expect(chat.options).toEqual(['Ya', 'Tidak']);
  });

  test('a service without a good FAQ entry: says there is no sure answer, shows the catalog entry, offers a human', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('aplikasi srikandi itu apa', { type: 'informasi', service: 'kearsipan', faq: { id: 'spbe-pengertian', score: 0.1 } });
    expect(chat.text).toContain('belum menemukan jawaban yang pasti');
    expect(chat.text).toContain('**Layanan Kearsipan Dinamis**');
    expect(chat.text).toContain('SRIKANDI (srikandi.arsip.go.id)');
    expect(chat.text).toContain('Dinas Kearsipan dan Perpustakaan (Disarpus)');
    expect(chat.text).toContain('Cara akses');
    expect(chat.options).toEqual(['Bicara dengan petugas', 'Buat tiket pertanyaan']);
  });

  test('no answer at all: says so honestly and offers an officer or a ticket', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('berapa jumlah server di pusat data', { type: 'informasi', confidence: 0.8 });
    expect(chat.text).toContain('belum menemukan jawaban');
    expect(chat.options).toEqual(['Bicara dengan petugas', 'Buat tiket pertanyaan']);
  });
});

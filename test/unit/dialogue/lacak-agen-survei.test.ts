import { Chat, MemoryPorts, MONDAY_0900, newDialogue, SATURDAY_1000 } from './helpers/harness';

const dialogue = newDialogue();

async function reportTicket(ports: MemoryPorts): Promise<{ chat: Chat; number: string }> {
  const chat = new Chat(dialogue, ports, { contact: '081234567890' });
  await chat.send('perizinan online tidak bisa upload dokumen sejak kemarin', { type: 'gangguan', service: 'perizinan' });
  await chat.send('lewati');
  await chat.send('kirim');
  return { chat, number: chat.conversation.ticketNumber! };
}

describe('lacak-tiket', () => {
  test('the reporter sees status, agency, due time and history', async () => {
    const ports = new MemoryPorts();
    const { chat, number } = await reportTicket(ports);
    await chat.send(`status tiket ${number}`, { type: 'lacak_tiket', ticketNumber: number });
    expect(chat.text).toContain(`Tiket **${number}**`);
    expect(chat.text).toContain('Status: **Baru diterima**');
    expect(chat.text).toContain('Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu (DPMPTSP)');
    expect(chat.text).toContain('Target selesai: Selasa, 24 November 2026');
    expect(chat.text).toContain('Tiket dibuat');
  });

  test('a stranger is asked for the contact and learns nothing about the ticket without it', async () => {
    const ports = new MemoryPorts();
    const { number } = await reportTicket(ports);
    const stranger = new Chat(dialogue, ports);
    await stranger.send(`cek ${number}`, { type: 'lacak_tiket', ticketNumber: number });
    expect(stranger.text).toContain('nomor HP atau email');
    expect(stranger.text).not.toContain('DPMPTSP');
    expect(stranger.text).not.toContain('Baru diterima');
    await stranger.send('081299999999');
    expect(stranger.text).toContain('tidak cocok');
    expect(stranger.text).not.toContain('DPMPTSP');
  });

  test('an unknown number gets the same question as a stranger\'s (no enumeration); a corrected number then works', async () => {
    const ports = new MemoryPorts();
    const { chat, number } = await reportTicket(ports);
    await chat.send('cek HD-261123-9999', { type: 'lacak_tiket', ticketNumber: 'HD-261123-9999' });
    expect(chat.text).toContain('nomor HP atau email');
    await chat.send('081234567890');
    expect(chat.text).toContain('**HD-261123-9999** dan kontak itu tidak cocok');
    expect(chat.text).toContain('HD-YYMMDD-NNNN');
    await chat.send(number.toLowerCase());
    expect(chat.text).toContain('Status: **Baru diterima**');
  });

  test('without a number: lists this conversation\'s tickets as options', async () => {
    const ports = new MemoryPorts();
    const { chat, number } = await reportTicket(ports);
    await chat.send('cek tiket saya', { type: 'lacak_tiket' });
    expect(chat.text).toContain(number);
    expect(chat.options).toEqual([number]);
    await chat.send('1');
    expect(chat.text).toContain('Status: **Baru diterima**');
  });

  test('without a number and without tickets: asks for the number; a bad format is explained', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('cek tiket', { type: 'lacak_tiket' });
    expect(chat.text).toContain('Silakan ketik nomor tiket');
    await chat.send('12345');
    expect(chat.text).toContain('belum seperti nomor tiket');
  });
});

describe('minta-agen', () => {
  test('in office hours: hand-off and an honest queue message', async () => {
    const chat = new Chat(dialogue, new MemoryPorts(), { now: MONDAY_0900 });
    await chat.send('saya mau bicara dengan petugas', { type: 'minta_agen' });
    expect(chat.last!.handoff).toBe(true);
    expect(chat.text).toContain('Anda di antrean petugas urutan ke-**1**');
    expect(chat.text).toContain('**batal**');
    expect(chat.flowId).toBe('minta-agen');
  });

  test('outside office hours: queued all the same, told when officers are back, and a ticket is opened', async () => {
    const ports = new MemoryPorts();
    const chat = new Chat(dialogue, ports, { now: SATURDAY_1000 });
    await chat.send('saya mau bicara dengan petugas soal simpeg', { type: 'minta_agen', service: 'kepegawaian', agency: 'bkpsdm' });
    expect(chat.last!.handoff).toBe(true);
    expect(chat.text).toContain('Senin, 23 November 2026 pukul 07.30 WIB');
    const tickets = [...ports.tickets.values()];
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ category: 'informasi', service: 'kepegawaian', agency: 'bkpsdm' });
    expect(chat.text).toContain(tickets[0]!.number);
    expect(chat.last!.ticketNumber).toBe(tickets[0]!.number);
    expect(chat.flowId).toBe('minta-agen');
  });

  test('outside office hours without a service: the ticket goes to Diskominfo', async () => {
    const ports = new MemoryPorts();
    const chat = new Chat(dialogue, ports, { now: SATURDAY_1000 });
    await chat.send('petugas', { type: 'minta_agen' });
    expect([...ports.tickets.values()][0]).toMatchObject({ agency: 'diskominfo', service: null });
  });
});

describe('survei-kepuasan', () => {
  test('rating 1-5 then a comment, stored through rateTicket', async () => {
    const ports = new MemoryPorts();
    const chat = new Chat(dialogue, ports);
    const start = dialogue.startSurvey('HD-261123-0001', chat.now);
    expect(start.reply.text).toContain('**HD-261123-0001**');
    expect(start.reply.options!.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
    chat.conversation.flow = start.flow;
    await chat.send('4');
    expect(chat.text).toContain('nilai 4');
    expect(chat.options).toEqual(['Lewati']);
    await chat.send('Petugasnya cepat tanggap');
    expect(ports.ratings).toEqual([{ number: 'HD-261123-0001', rating: 4, comment: 'Petugasnya cepat tanggap' }]);
    expect(chat.text).toContain('Terima kasih atas penilaian Anda');
    expect(chat.conversation.flow).toBeNull();
  });

  test('an invalid rating is re-asked; "lewati" skips the comment', async () => {
    const ports = new MemoryPorts();
    const chat = new Chat(dialogue, ports);
    chat.conversation.flow = dialogue.startSurvey('HD-261123-0002', chat.now).flow;
    await chat.send('7');
    expect(chat.text).toContain('angka 1 sampai 5');
    await chat.send('bagus');
    expect(chat.text).toContain('angka 1 sampai 5');
    expect(ports.ratings).toHaveLength(0);
    await chat.send('5 - Sangat puas');
    await chat.send('lewati');
    expect(ports.ratings).toEqual([{ number: 'HD-261123-0002', rating: 5 }]);
  });
});

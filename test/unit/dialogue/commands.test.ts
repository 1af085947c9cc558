import { Chat, MemoryPorts, newDialogue, SATURDAY_1000 } from './helpers/harness';

const dialogue = newDialogue();

/** Messages that bring a chat to each step of the flows (with what the NLU says first). */
const REPORT_STEPS: [string, string[]][] = [
  ['layanan', []],
  ['deskripsi', ['simpeg']],
  ['kontak', ['simpeg', 'SIMPEG tidak bisa login sejak pagi tadi']],
  ['nip', ['simpeg', 'SIMPEG tidak bisa login sejak pagi tadi', '081234567890']],
  ['lampiran', ['simpeg', 'SIMPEG tidak bisa login sejak pagi tadi', '081234567890', 'Saya bukan ASN']],
  ['konfirmasi', ['simpeg', 'SIMPEG tidak bisa login sejak pagi tadi', '081234567890', 'Saya bukan ASN', 'lewati']],
];

async function atReportStep(step: string, ports = new MemoryPorts()): Promise<Chat> {
  const chat = new Chat(dialogue, ports);
  await chat.send('mau lapor gangguan', { type: 'gangguan' });
  for (const m of REPORT_STEPS.find(([s]) => s === step)![1]) await chat.send(m);
  expect(chat.step).toBe(step);
  return chat;
}

async function atOtherStep(where: string): Promise<Chat> {
  const chat = new Chat(dialogue, new MemoryPorts(), where === 'agen' ? { now: SATURDAY_1000 } : {});
  if (where === 'informasi') await chat.send('lupa password simpeg', { type: 'informasi', faq: { id: 'simpeg-lupa-password', score: 0.9 } });
  if (where === 'lacak') await chat.send('cek tiket saya', { type: 'lacak_tiket' });
  if (where === 'survei') chat.conversation.flow = dialogue.startSurvey('HD-261123-0001', chat.now).flow;
  expect(chat.conversation.flow).not.toBeNull();
  return chat;
}

describe('batal and menu work at every step', () => {
  test.each(REPORT_STEPS.map(([s]) => s))('batal at report step %s cancels without a ticket', async (step) => {
    const ports = new MemoryPorts();
    const chat = await atReportStep(step, ports);
    await chat.send('batal');
    expect(chat.text).toContain('laporan gangguan dibatalkan');
    expect(chat.options).toContain('Lapor gangguan');
    expect(chat.flowId).toBe('salam');
    expect(ports.tickets.size).toBe(0);
  });

  test.each(REPORT_STEPS.map(([s]) => s))('menu (and its synonyms) at report step %s shows the menu', async (step) => {
    for (const word of ['menu', 'kembali ke menu', '0']) {
      const chat = await atReportStep(step);
      await chat.send(word);
      expect(chat.text).toContain('Menu utama');
      expect(chat.flowId).toBe('salam');
    }
  });

  test.each(['cancel', 'stop', 'keluar', 'Batal!'])('synonym "%s" cancels', async (word) => {
    const chat = await atReportStep('deskripsi');
    await chat.send(word);
    expect(chat.text).toContain('dibatalkan');
  });

  test.each(['informasi', 'lacak', 'survei'])('batal and menu inside %s', async (where) => {
    const a = await atOtherStep(where);
    await a.send('batal');
    expect(a.text).toContain('dibatalkan');
    expect(a.flowId).toBe('salam');
    const b = await atOtherStep(where);
    await b.send('menu');
    expect(b.text).toContain('Menu utama');
  });

  test('the "Batal" option of the confirmation cancels too', async () => {
    const ports = new MemoryPorts();
    const chat = await atReportStep('konfirmasi', ports);
    await chat.send('3');
    expect(chat.text).toContain('dibatalkan');
    expect(ports.tickets.size).toBe(0);
  });

  test('batal with nothing running says so', async () => {
    const chat = new Chat(dialogue, new MemoryPorts());
    await chat.send('batal');
    expect(chat.text).toContain('Tidak ada proses yang sedang berjalan');
  });

  test('a menu option picked by number, label or value starts its flow', async () => {
    for (const pick of ['2', 'Lapor gangguan', 'gangguan']) {
      const chat = new Chat(dialogue, new MemoryPorts());
      await chat.send('halo', { type: 'sapaan' });
      await chat.send(pick);
      expect(chat.flowId).toBe('lapor-gangguan');
      expect(chat.step).toBe('layanan');
    }
  });
});

describe('flow expiry', () => {
  test('an abandoned flow expires: the engine says so and handles the new message fresh', async () => {
    const chat = await atReportStep('kontak');
    chat.now += 31 * 60_000;
    await chat.send('apa itu spbe', { type: 'informasi', faq: { id: 'spbe-pengertian', score: 0.9 } });
    expect(chat.last!.replies).toHaveLength(2);
    expect(chat.last!.replies[0]!.text).toContain('Sesi laporan gangguan sebelumnya sudah berakhir');
    expect(chat.last!.replies[1]!.text).toContain('SPBE adalah');
    expect(chat.flowId).toBe('informasi');
  });

  test('within the timeout the flow continues', async () => {
    const chat = await atReportStep('kontak');
    chat.now += 29 * 60_000;
    await chat.send('081234567890');
    expect(chat.step).toBe('nip');
  });

  test('the timeout is configurable', async () => {
    const short = newDialogue({ flowTimeoutMinutes: 5 });
    const chat = new Chat(short, new MemoryPorts());
    await chat.send('mau lapor gangguan', { type: 'gangguan' });
    chat.now += 6 * 60_000;
    await chat.send('simpeg', { type: 'informasi', service: 'kepegawaian', confidence: 0.9 });
    expect(chat.text).toContain('sudah berakhir');
  });

  test('the flow state is JSON with updatedAt from input.now', async () => {
    const chat = await atReportStep('kontak');
    const flow = chat.conversation.flow!;
    expect(JSON.parse(JSON.stringify(flow))).toEqual(flow);
    expect(flow.updatedAt).toBe(chat.now - 60_000);
  });
});

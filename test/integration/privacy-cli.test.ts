/**
 * Personal data end to end (UU No. 27/2022), embedded defaults (SQLite, in-process queue):
 * a citizen reports over WhatsApp (NIK in the text, a scanned document with their NIK, their
 * number as contact) and proves a ticket on the web chat by typing their number; another
 * citizen chats too. Then the operator's commands, as run on the server:
 * - `npm run -s privacy:export -- --contact …` prints everything about the person as JSON;
 * - `npm run -s privacy:erase -- --contact …` says in Indonesian what it changed; afterwards
 *   the bytes of every file under DATA_DIR (the SQLite file and its journal, attachments) hold
 *   no trace of the person's number, name or NIK, and ticket counts per category and agency
 *   are unchanged.
 * Also: DATA_DIR left world-readable by an older version is fixed at start (0700/0600).
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WhatsAppAdapter } from '../../channels/whatsapp/adapter';
import { parseWhatsAppConfig } from '../../channels/whatsapp/config';
import { silentLogger } from '../../channels/whatsapp/wa-types';
import { FileAttachmentStore } from '../../src/attachments/file-attachment-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { Store } from '../../src/store/port';
import { eventually, waitTurn, whatsappAsChat } from '../helpers/channel-e2e';
import { nextAnswer, TICKET_RE } from '../helpers/citizen';
import { fakeClientFactory, type FakeMessage, mediaMessage, textMessage } from '../helpers/fake-whatsapp-client';
import { startTestService, type TestService } from '../helpers/service';
import { WebchatClient } from '../helpers/webchat-client';
import type { Exported } from '../helpers/privacy-export';

jest.setTimeout(180_000);
const run = promisify(execFile);

/** The person: the number nextAnswer() gives as contact, so the report dialogue uses it too. */
const A = { wa: '6281234567890@c.us', local: '081234567890', spaced: '0812 3456 7890', national: '81234567890', name: 'Budi Santoso', nik: '3209123456780001' };
const B = { wa: '6285799990000@c.us', name: 'Siti Aminah' };

/** Runs one of the npm scripts the README names, the way an operator does. */
async function npmScript(script: string, args: string[], dataDir: string): Promise<{ stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.MONGODB_URI;
  delete env.REDIS_URL;
  return run('npm', ['run', '-s', script, '--', ...args], { cwd: join(__dirname, '..', '..'), env, maxBuffer: 20 * 1024 * 1024 });
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? allFiles(join(dir, d.name)) : [join(dir, d.name)]));
}

const mode = (path: string) => statSync(path).mode & 0o777;

async function ticketStatistics(store: Store): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of await store.listTickets({})) {
    const key = `${t.category}/${t.agency}/${t.service ?? '-'}/${t.status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('privacy:export and privacy:erase on the embedded store', () => {
  let service: TestService | null = null;
  let dataDir = '';
  let ticket = '';
  let before: Record<string, number> = {};
  const clients = fakeClientFactory();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-privacy-'));
    // What an older version (or a careless copy) left: readable by everyone.
    chmodSync(dataDir, 0o755);
    mkdirSync(join(dataDir, 'attachments'), { mode: 0o755 });
    chmodSync(join(dataDir, 'attachments'), 0o755);
    writeFileSync(join(dataDir, 'attachments', `${'0'.repeat(64)}.png`), 'old', { mode: 0o644 });
    chmodSync(join(dataDir, 'attachments', `${'0'.repeat(64)}.png`), 0o644);

    const adapter = new WhatsAppAdapter({
      config: parseWhatsAppConfig({ enabled: true, dataDir: join(dataDir, 'whatsapp-auth'), perChatIntervalMs: 0, globalPerMinute: 10_000 }),
      clientFactory: clients.factory,
      hasWrittenFirst: async (threadId) => (await service!.store.findConversation('whatsapp', threadId)) !== null,
      attachments: new FileAttachmentStore(dataDir),
      log: silentLogger,
      schedule: () => () => undefined,
    });
    service = await startTestService({ redis: false, DATA_DIR: dataDir, adapters: { whatsapp: adapter } });
    clients.latest().emit('ready');
    await eventually('WhatsApp to be connected', () => (service!.adapters.whatsapp?.status().state === 'connected' ? true : undefined));
  });
  afterAll(async () => {
    await service?.cleanup();
    if (dataDir && !process.env.KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  });

  async function deliver(msg: FakeMessage): Promise<string[]> {
    const mark = clients.latest().sent.length;
    clients.latest().emit('message', msg);
    await waitTurn(service!.store, 'whatsapp', msg.from, msg.id._serialized);
    return clients.latest().sent.slice(mark).filter((s) => s.chatId === msg.from).map((s) => s.content);
  }

  it('fixes the modes of DATA_DIR at start and creates its files private', () => {
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'attachments'))).toBe(0o700);
    expect(mode(join(dataDir, 'attachments', `${'0'.repeat(64)}.png`))).toBe(0o600);
    for (const f of ['helpdesk.sqlite', 'helpdesk.sqlite-wal', 'helpdesk.sqlite-shm']) expect(mode(join(dataDir, f))).toBe(0o600);
  });

  it('a citizen reports on WhatsApp with their NIK and a scanned document; another citizen chats', async () => {
    const say = (text: string) => deliver(textMessage(A.wa, text, { notifyName: A.name }));
    let texts = await say(`Selamat pagi, saya ${A.name} NIK ${A.nik}. Aplikasi SIMPEG error tidak bisa login sejak pagi di kantor`);
    let sentDocument = false;
    for (let i = 0; i < 14 && !TICKET_RE.test(texts.join('\n')); i++) {
      const lower = texts.join('\n').toLowerCase();
      if (!sentDocument && /foto|tangkapan layar|berkas/.test(lower) && !/kirim laporan|periksa laporan/.test(lower)) {
        sentDocument = true;
        const pdf = Buffer.from(`%PDF-1.4\n% KTP ${A.name} NIK ${A.nik} HP ${A.local}\n%%EOF\n`);
        texts = await deliver(mediaMessage(A.wa, { mimetype: 'application/pdf', bytes: pdf, filename: `ktp ${A.name}.pdf` }, { notifyName: A.name }));
      } else {
        texts = await say(nextAnswer(whatsappAsChat(texts)));
      }
    }
    ticket = TICKET_RE.exec(texts.join('\n'))?.[0] ?? '';
    expect(ticket).not.toBe('');
    expect(sentDocument).toBe(true);
    const stored = (await service!.store.getTicket(ticket))!;
    expect(stored.attachments).toHaveLength(1);
    expect(JSON.stringify(stored)).toContain(A.nik);

    await deliver(textMessage(B.wa, 'link simpeg dimana ya', { notifyName: B.name }));

    // On the web chat, the citizen proves the ticket by typing their number in another form.
    const web = await new WebchatClient(service!.url).open();
    await web.say(`lacak ${ticket}`);
    await web.say(A.spaced);
    before = await ticketStatistics(service!.store);
  });

  it('privacy:export prints everything about the person as JSON, whatever form of the number', async () => {
    const { stdout } = await npmScript('privacy:export', ['--contact', '+62 812-3456-7890'], dataDir);
    const out = JSON.parse(stdout) as Exported;
    expect(out.kontak).toBe('+62 812-3456-7890');
    const own = out.data.percakapan.milikSendiri;
    expect(own.map((c) => `${c.percakapan.channel}:${c.percakapan.threadId}`)).toEqual([`whatsapp:${A.wa}`]);
    expect(own[0]!.transkrip.some((e) => e.text.includes(A.nik))).toBe(true);
    expect(out.data.percakapan.disebutDiPercakapanLain).toEqual([expect.objectContaining({ entry: expect.objectContaining({ text: A.spaced }) })]);
    expect(out.data.tiket.map((t) => t.number)).toEqual([ticket]);
    // The scanned document, referred to by the message and by the ticket.
    expect(out.data.lampiran.length).toBeGreaterThan(0);
    for (const ref of out.data.lampiran) expect(ref).toMatchObject({ mimeType: 'application/pdf', berkasAda: true, storageKey: out.data.lampiran[0]!.storageKey });
    expect(stdout).not.toContain(B.name);
  });

  it('privacy:erase says what it changed; afterwards no file under DATA_DIR holds a trace of the person', async () => {
    const { stdout } = await npmScript('privacy:erase', ['--contact', A.local], dataDir);
    expect(stdout).toMatch(/^Data pribadi untuk kontak 081234567890 sudah dihapus atau dianonimkan:/);
    expect(stdout).toMatch(/percakapan dan transkrip: 1 percakapan dianonimkan \(\d+ pesan\); 1 pesan di percakapan orang lain/);
    expect(stdout).toMatch(/tiket: 1 tiket dianonimkan \(kategori, perangkat daerah, layanan, tanggal, SLA dan penilaian tetap untuk statistik\)/);
    expect(stdout).toMatch(/berkas lampiran: 1 berkas lampiran dihapus/);
    expect(stdout).toMatch(/Tiket tetap tersimpan untuk statistik tanpa data pribadi\./);

    // The service keeps running on the same file; its view agrees.
    const t = (await service!.store.getTicket(ticket))!;
    expect(t.reporter.senderId).toBe('anonim');
    expect(await ticketStatistics(service!.store)).toEqual(before);
    expect((await service!.store.findConversation('whatsapp', B.wa))!.identity.name).toBe(B.name);

    await service!.stop();
    const traces = [A.national, A.nik, A.name, 'Budi', 'Santoso', '3456 7890', '3456-7890'];
    const files = allFiles(dataDir);
    expect(files.some((f) => f.endsWith('helpdesk.sqlite'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file).toString('latin1');
      for (const trace of traces) if (bytes.includes(trace)) throw new Error(`${file} still holds "${trace}"`);
    }
    // B is still there, byte for byte.
    expect(readFileSync(join(dataDir, 'helpdesk.sqlite')).toString('latin1')).toContain(B.name);

    // The statistics, read afresh from the file.
    const reopened = new SqliteStore({ dataDir });
    await reopened.open();
    try {
      expect(await ticketStatistics(reopened)).toEqual(before);
    } finally {
      await reopened.close();
    }
  });

  it('a second export finds nothing, and a second erase changes nothing', async () => {
    const exported = JSON.parse((await npmScript('privacy:export', ['--contact', A.spaced], dataDir)).stdout) as Exported;
    expect(exported.data.percakapan).toEqual({ milikSendiri: [], disebutDiPercakapanLain: [] });
    expect(exported.data.tiket).toEqual([]);
    const { stdout } = await npmScript('privacy:erase', ['--contact', A.local], dataDir);
    expect(stdout).toMatch(/Tidak ada data yang tersimpan untuk kontak ini; tidak ada yang diubah\./);
  });

  it('a contact it cannot read is refused in Indonesian with exit code 1', async () => {
    await expect(npmScript('privacy:erase', ['--contact', 'bukan kontak'], dataDir)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/tidak dikenali/) });
    await expect(npmScript('privacy:export', [], dataDir)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/--contact wajib diisi/) });
  });
});

/**
 * Backup and restore of the embedded store with its attachments (src/store/sqlite/backup.ts,
 * npm run -s backup / restore): a backup taken while another process keeps writing holds every
 * write acknowledged before it started, restores into an empty DATA_DIR only, and comes back
 * whole (conversations, tickets, attachment bytes, a consistent file).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FileAttachmentStore } from '../../src/attachments/file-attachment-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { BackupError, createBackup, restoreBackup } from '../../src/store/sqlite/backup';
import type { Ticket } from '../../src/store/port';
import { inbound, newTicket } from '../helpers/store-fixtures';
import { eventually } from '../helpers/run-service';

const root = path.resolve(__dirname, '../..');
const writerScript = path.join(root, 'test/helpers/store-crash-writer.ts');

/** Runs a CLI of src/cli through tsx, as `npm run -s <name>` does (async: the test keeps reading the writer). */
function cli(name: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli', `${name}.ts`), ...args], {
    cwd: root,
    env: { ...process.env, MONGODB_URI: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('backup and restore', () => {
  let work: string;
  let dataDir: string;
  beforeEach(() => {
    work = mkdtempSync(path.join(tmpdir(), 'hd-backup-'));
    dataDir = path.join(work, 'data');
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  /** A store with conversations, replies, tickets with attachments; returns what was written. */
  async function seed() {
    const store = new SqliteStore({ dataDir });
    await store.open();
    const files = new FileAttachmentStore(dataDir);
    const photo = await files.save({ bytes: Buffer.from('\x89PNG foto layar galat SIMPEG'), mimeType: 'image/png', fileName: 'galat.png' });
    const big = Buffer.alloc(9 * 1024 * 1024 + 123, 7); // more than one chunk of the backup file
    const pdf = await files.save({ bytes: big, mimeType: 'application/pdf', fileName: 'surat.pdf' });
    const conversations: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await store.acceptInbound(inbound({ channel: 'webchat', text: `pertanyaan ${i}` }));
      await store.appendEntries(r.conversation.id, [{ id: `${r.entry.id}:r0`, from: 'bot', text: `jawaban ${i}`, at: 1 }], [r.entry.id]);
      conversations.push(r.conversation.id);
    }
    const tickets: Ticket[] = [];
    tickets.push(await store.createTicket(newTicket({ attachments: [photo, pdf] })));
    tickets.push(await store.updateTicket((await store.createTicket(newTicket({ agency: 'bapenda' }))).number, (t) => ({ ...t, status: 'diproses' })));
    const transcripts = await Promise.all(conversations.map((id) => store.transcript(id)));
    await store.close();
    return { conversations, transcripts, tickets, attachments: { [photo.storageKey!]: Buffer.from('\x89PNG foto layar galat SIMPEG'), [pdf.storageKey!]: big } };
  }

  async function expectRestored(dir: string, seeded: Awaited<ReturnType<typeof seed>>) {
    const store = new SqliteStore({ dataDir: dir });
    await store.open();
    try {
      expect(store.integrityCheck()).toBe('ok');
      for (const [i, id] of seeded.conversations.entries()) expect(await store.transcript(id)).toEqual(seeded.transcripts[i]);
      for (const t of seeded.tickets) expect(await store.getTicket(t.number)).toEqual(t);
      const files = new FileAttachmentStore(dir);
      for (const [key, bytes] of Object.entries(seeded.attachments)) expect(files.read(key)?.equals(bytes)).toBe(true);
      // The restored store works: it takes new messages.
      await store.acceptInbound(inbound({ text: 'setelah pemulihan' }));
    } finally {
      await store.close();
    }
  }

  it('round-trips a store and its attachments taken while another process writes, through the CLIs', async () => {
    const seeded = await seed();
    const writer = spawn(process.execPath, ['--import', 'tsx', writerScript, dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: string[] = [];
    let buffer = '';
    let stderr = '';
    writer.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      acks.push(...lines.filter((l) => l.startsWith('ack ')));
    });
    writer.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const out = path.join(work, 'cadangan.hdbak');
    let before: string[];
    try {
      await eventually(() => acks.length >= 200, 'the writer to be busy', 60_000, () => stderr);
      before = [...acks];
      const backup = await cli('backup', ['--out', out], { DATA_DIR: dataDir });
      expect(backup).toMatchObject({ code: 0 });
      expect(backup.stdout).toMatch(/^Cadangan dibuat: .*cadangan\.hdbak \(penyimpanan skema v\d+, 2 lampiran, 9\.0 MB\)\.\n$/);
      expect(acks.length).toBeGreaterThan(before.length); // it kept writing during the backup
    } finally {
      writer.kill('SIGKILL');
      await new Promise((r) => writer.once('close', r));
    }

    // Refused: a DATA_DIR that is not empty (the original), and an existing output file.
    const refused = await cli('restore', ['--from', out], { DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Pemulihan gagal: DATA_DIR .* tidak kosong/);
    expect((await cli('backup', ['--out', out], { DATA_DIR: dataDir })).stderr).toMatch(/sudah ada/);

    const target = path.join(work, 'pulih', 'data');
    const restore = await cli('restore', ['--from', out], { DATA_DIR: target });
    expect(restore).toMatchObject({ code: 0 });
    expect(restore.stdout).toMatch(/^Dipulihkan ke .*pulih\/data: penyimpanan dan 2 lampiran/);
    await expectRestored(target, seeded);

    // Every write the other process acknowledged before the backup started is in it.
    const store = new SqliteStore({ dataDir: target });
    await store.open();
    try {
      for (const line of before) {
        const [, kind, id] = line.split(' ') as [string, string, string];
        if (kind === 'inbound' || kind === 'reply') {
          const conversationId = id.split(':in:')[0]!;
          expect((await store.transcript(conversationId)).some((e) => e.id === id)).toBe(true);
        } else if (kind === 'ticket') {
          expect(await store.getTicket(id)).not.toBeNull();
        }
      }
    } finally {
      await store.close();
    }
  });

  it('restores into an empty existing folder; refuses what is not a backup; cleans up after a damaged one', async () => {
    const seeded = await seed();
    const out = path.join(work, 'b.hdbak');
    await createBackup({ dataDir, out, includeStore: true });
    expect(statSync(out).mode & 0o777).toBe(0o600); // personal data: owner only
    const empty = path.join(work, 'kosong');
    mkdirSync(empty);
    await restoreBackup({ from: out, dataDir: empty });
    expect(statSync(path.join(empty, 'helpdesk.sqlite')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(empty, 'attachments')).mode & 0o777).toBe(0o700);
    await expectRestored(empty, seeded);
    // Personal data: the backup and the restored files are readable by their owner only.
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(empty, 'helpdesk.sqlite')).mode & 0o777).toBe(0o600);

    const junk = path.join(work, 'bukan.hdbak');
    writeFileSync(junk, 'bukan cadangan');
    await expect(restoreBackup({ from: junk, dataDir: path.join(work, 'x') })).rejects.toThrow(/bukan berkas cadangan Helpdesk SPBE/);

    // A flipped byte in an attachment: refused by its SHA-256, and nothing is left behind.
    const damaged = path.join(work, 'rusak.hdbak');
    await createBackup({ dataDir, out: damaged, includeStore: true });
    const db = new Database(damaged);
    db.prepare("UPDATE backup_chunks SET data = X'00' || substr(data, 2) WHERE path LIKE 'attachments/%' AND idx = 0").run();
    db.close();
    const target = path.join(work, 'gagal');
    const err = await restoreBackup({ from: damaged, dataDir: target }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupError);
    expect((err as Error).message).toMatch(/tidak cocok dengan sidik SHA-256/);
    expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
  });

  it('with MONGODB_URI: backs up the attachments only and explains mongodump; never restores SQLite data there', async () => {
    await seed();
    const out = path.join(work, 'lampiran.hdbak');
    const mongo = { DATA_DIR: dataDir, MONGODB_URI: 'mongodb://127.0.0.1:9/helpdesk' };
    const backup = await cli('backup', ['--out', out], mongo);
    expect(backup.code).toBe(0);
    expect(backup.stderr).toMatch(/mongodump --uri/);
    expect(backup.stdout).toMatch(/Cadangan dibuat: .* \(2 lampiran/);
    const target = path.join(work, 'm');
    const restore = await cli('restore', ['--from', out], { ...mongo, DATA_DIR: target });
    expect(restore.code).toBe(0);
    expect(restore.stderr).toMatch(/mongorestore --uri/);
    expect(readdirSync(target)).toEqual(['attachments']);

    const full = path.join(work, 'lengkap.hdbak');
    expect((await cli('backup', ['--out', full], { DATA_DIR: dataDir })).code).toBe(0);
    const refused = await cli('restore', ['--from', full], { ...mongo, DATA_DIR: path.join(work, 'n') });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/MONGODB_URI diset/);
  });

  it('says how to use it when an argument is missing', async () => {
    const r = await cli('backup', [], { DATA_DIR: dataDir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out wajib diisi\.\nPemakaian: npm run -s backup -- --out BERKAS/);
  });
});

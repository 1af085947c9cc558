/**
 * Shared by the benches that seed a busy year straight into a fresh embedded store in the
 * store's own row format (bench/reports.ts, bench/search.ts): the command line (`--quick`,
 * `--data <dir>`), a deterministic random sequence, the row inserts, the batched seeding and the
 * child-process runner that bench/run.ts uses to hand the summary rows back.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { SqliteStore } from '../src/store/sqlite/sqlite-store';

export const QUICK = process.argv.includes('--quick');
/** `--data <dir>`: seed into <dir> once and keep it; later runs reuse it. */
export const KEEP_DIR = (() => {
  const i = process.argv.indexOf('--data');
  return i >= 0 ? process.argv[i + 1] : undefined;
})();
/** A busy year: 100,000 tickets and 2,000,000 messages (`--quick`: a tenth). */
export const SIZE = QUICK ? { tickets: 10_000, messages: 200_000 } : { tickets: 100_000, messages: 2_000_000 };

export const out = (line = '') => process.stdout.write(`${line}\n`);

/** A deterministic pseudo-random sequence (the same year every run). */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** The prepared row inserts (the store's own tables). */
export function seedInserts(db: Database.Database) {
  return {
    conversation: db.prepare('INSERT INTO conversations (id, channel, thread_id, owner, agency, version, last_seq, last_message_at, doc) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)'),
    entry: db.prepare('INSERT INTO entries (id, conversation_id, seq, channel, external_id, state, at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    ticket: db.prepare(
      'INSERT INTO tickets (number, idempotency_key, status, category, service, agency, reporter_conversation_id, due_at, created_at, version, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)',
    ),
    agency: db.prepare('INSERT OR IGNORE INTO ticket_agencies (agency, number) VALUES (?, ?)'),
  };
}

/** The next ticket number of the (WIB) day of `at`, counting per day in `daily`. */
export function nextTicketNumber(daily: Map<string, number>, at: number): string {
  const day = new Date(at + 7 * 3_600_000).toISOString().slice(2, 10).replace(/-/g, '');
  const n = (daily.get(day) ?? 0) + 1;
  daily.set(day, n);
  return `HD-${day}-${String(n).padStart(4, '0')}`;
}

/**
 * Calls `seedOne(i)` for every conversation index, 10,000 to a transaction, then checkpoints and
 * analyzes the file. Returns the time taken and the size of the SQLite file.
 */
export function seedConversations(db: Database.Database, conversations: number, seedOne: (i: number) => void): { ms: number; fileMb: number } {
  const started = performance.now();
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) seedOne(i);
  });
  for (let i = 0; i < conversations; i += 10_000) batch(i, Math.min(conversations, i + 10_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return { ms: performance.now() - started, fileMb: Math.round((pages * pageSize) / 1048576) };
}

/**
 * Runs a bench's `body` on the embedded store in a fresh temporary folder (or `--data <dir>`,
 * `reuse` when it already holds a seeded store), closes it (and removes a temporary folder), then
 * prints the summary rows `body` returns on the `@summary` line bench/run.ts reads.
 */
export async function onBenchStore(tmpPrefix: string, body: (store: SqliteStore, reuse: boolean, dir: string) => Promise<string[][]>): Promise<void> {
  const dir = KEEP_DIR ?? mkdtempSync(join(tmpdir(), tmpPrefix));
  const reuse = !!KEEP_DIR && existsSync(join(dir, 'helpdesk.sqlite'));
  const store = new SqliteStore({ dataDir: dir });
  let summary: string[][];
  try {
    await store.open();
    summary = await body(store, reuse, dir);
  } finally {
    await store.close();
    if (!KEEP_DIR) rmSync(dir, { recursive: true, force: true });
  }
  out(`@summary ${JSON.stringify(summary)}`);
}

/** Runs `main` when `mod` is the entry point (the bench run alone or as bench/run.ts's child). */
export function runIfMain(mod: NodeModule, main: () => Promise<void>): void {
  if (require.main !== mod) return;
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

/**
 * For bench/run.ts: runs a bench file as a child process (its own heap), echoes its lines and
 * returns the rows of its `@summary` line. A failure is reported as a row named `name`, not thrown.
 */
export async function runBenchChild(file: string, name: string, quick: boolean, print: (line: string) => void): Promise<string[][]> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...(quick ? ['--quick'] : [])], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
  let rows: string[][] = [];
  let buffer = '';
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('@summary ')) rows = JSON.parse(line.slice(9)) as string[][];
      else print(line);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  if (code !== 0) return [[name, `FAILED (exit ${code})`, '']];
  return rows;
}

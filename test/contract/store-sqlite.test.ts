import { mkdtempSync, rmSync } from 'node:fs';
import { rewindTo } from '../helpers/sqlite-rewind';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SCHEMA_VERSION } from '../../src/store/sqlite/migrations';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { runStoreContract } from './store.contract';

const dirs: string[] = [];

runStoreContract(
  'sqlite',
  async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hd-store-'));
    dirs.push(dir);
    const store = new SqliteStore({ dataDir: dir });
    await store.open();
    return store;
  },
  async (store) => {
    await store.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  },
);

describe('SqliteStore specifics', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hd-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses WAL, a busy timeout and the current schema version, and migrates once', async () => {
    const a = new SqliteStore({ dataDir: dir });
    await a.open();
    const b = new SqliteStore({ dataDir: dir });
    await b.open();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require('better-sqlite3');
    const raw = new Database(path.join(dir, 'helpdesk.sqlite'), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.close();
    expect(a.integrityCheck()).toBe('ok');
    await a.close();
    await b.close();
  });

  it('shares one file between two open stores (API and worker processes)', async () => {
    const api = new SqliteStore({ dataDir: dir });
    const worker = new SqliteStore({ dataDir: dir });
    await api.open();
    await worker.open();
    const { entry, conversation } = await api.acceptInbound({ channel: 'webchat', threadId: 's1', senderId: 's1', externalId: 'm1', text: 'halo', at: 1 });
    expect((await worker.pendingEntries(conversation.id)).map((e) => e.id)).toEqual([entry.id]);
    const [n1, n2] = await Promise.all([api.nextCounter('c'), worker.nextCounter('c')]);
    expect([n1, n2].sort()).toEqual([1, 2]);
    await api.close();
    await worker.close();
  });

  it('refuses a file written by a newer schema version', async () => {
    const s = new SqliteStore({ dataDir: dir });
    await s.open();
    await s.close();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require('better-sqlite3');
    const raw = new Database(path.join(dir, 'helpdesk.sqlite'));
    raw.pragma('user_version = 99');
    raw.close();
    await expect(new SqliteStore({ dataDir: dir }).open()).rejects.toThrow(/versi 99/);
  });

  it('indexes for search the tickets and messages a file had before the search step (backfilled by the migration)', async () => {
    const s = new SqliteStore({ dataDir: dir });
    await s.open();
    const { conversation } = await s.acceptInbound({ channel: 'webchat', threadId: 's1', senderId: 's1', externalId: 'm1', text: 'printer kantor macet', at: 1 });
    const t = await s.createTicket({
      idempotencyKey: 'k1',
      numberPrefix: 'HD-300101-',
      category: 'gangguan',
      service: null,
      agency: 'bkpsdm',
      coAgencies: [],
      priority: 'sedang',
      summary: 'Jaringan lambat',
      description: 'di lantai dua',
      reporter: { conversationId: conversation.id, channel: 'webchat', senderId: 's1' },
      attachments: [],
      sla: { responseDueAt: 1, resolveDueAt: 2, pausedMs: 0, pausedSince: null, escalated: [] },
      createdAt: 1,
      createdBy: 'bot',
    });
    rewindTo(s.database(), 4); // a file of version 4
    await s.close();
    const again = new SqliteStore({ dataDir: dir });
    await again.open();
    expect((await again.searchTickets({ text: 'lantai', limit: 5 })).tickets.map((x) => x.number)).toEqual([t.number]);
    expect((await again.searchTickets({ text: 'printer', limit: 5 })).tickets.map((x) => x.number)).toEqual([t.number]);
    expect(again.integrityCheck()).toBe('ok');
    await again.close();
  });

  it('fails with TransientError before open', async () => {
    await expect(new SqliteStore({ dataDir: dir }).ping()).rejects.toMatchObject({ code: 'unavailable' });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTicketStats } from '../../src/store/create-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { runTicketStatsContract } from './ticket-stats.contract';

const dirs: string[] = [];

runTicketStatsContract(
  'sqlite',
  async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hd-stats-'));
    dirs.push(dir);
    const store = new SqliteStore({ dataDir: dir });
    await store.open();
    return { store, stats: createTicketStats(store) };
  },
  async (store) => {
    await store.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  },
);

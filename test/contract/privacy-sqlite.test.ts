import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { Store } from '../../src/store/port';
import { runPrivacyContract } from './privacy.contract';

const dirs = new Map<Store, string>();

runPrivacyContract(
  'sqlite',
  async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hd-privacy-'));
    const store = new SqliteStore({ dataDir: dir });
    await store.open();
    dirs.set(store, dir);
    return store;
  },
  async (store) => {
    await store.close();
    rmSync(dirs.get(store)!, { recursive: true, force: true });
  },
);

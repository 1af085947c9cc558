import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteOperationsStore } from '../../src/store/sqlite/operations-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { incidentFixture, runOperationsStoreContract } from './operations-store.contract';

let dir = '';
let main: SqliteStore | null = null;

runOperationsStoreContract(
  'sqlite',
  async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hd-ops-'));
    main = new SqliteStore({ dataDir: dir });
    await main.open();
    const ops = new SqliteOperationsStore(() => main!.database());
    await ops.open();
    return ops;
  },
  async () => {
    await main?.close();
    rmSync(dir, { recursive: true, force: true });
  },
);

describe('SqliteOperationsStore specifics', () => {
  it('keeps one open incident per service across two processes sharing the file', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'hd-ops-'));
    const api = new SqliteStore({ dataDir: d });
    const worker = new SqliteStore({ dataDir: d });
    await api.open();
    await worker.open();
    try {
      const a = new SqliteOperationsStore(() => api.database());
      const b = new SqliteOperationsStore(() => worker.database());
      const [x, y] = await Promise.all([a.openIncident(incidentFixture('kepegawaian'), []), b.openIncident(incidentFixture('kepegawaian'), [])]);
      expect([x.created, y.created].sort()).toEqual([false, true]);
      expect(x.incident.id).toBe(y.incident.id);
      expect((await b.openIncidentOf('kepegawaian'))!.id).toBe(x.incident.id);
    } finally {
      await api.close();
      await worker.close();
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('fails with TransientError before the main store is open', async () => {
    const s = new SqliteStore({ dataDir: path.join(tmpdir(), 'never-opened') });
    await expect(new SqliteOperationsStore(() => s.database()).open()).rejects.toMatchObject({ code: 'unavailable' });
  });
});

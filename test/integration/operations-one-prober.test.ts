/**
 * However many processes run, exactly one probes: an API and two worker processes of the real
 * service (src/main.ts as child processes) on one DATA_DIR and one Redis prefix, MONITORING on.
 * Every stored check names the process that made it (host:pid): one process only. When that
 * process is killed, another takes over after the lease lapses, and the two never alternate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteOperationsStore } from '../../src/store/sqlite/operations-store';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { CheckResult } from '../../src/operations/types';
import { LoopbackSite } from '../helpers/loopback-site';
import { writeMonitorsFile } from '../helpers/operations';
import { requireRedisOrSkip, TEST_REDIS_URL } from '../helpers/redis';
import { createDeployment, type Deployment, eventually, runService, type RunningProcess } from '../helpers/run-service';

jest.setTimeout(240_000);

describe('two worker processes and an API process: still one prober', () => {
  let site: LoopbackSite;
  let deployment: Deployment | null = null;
  let dir = '';
  let processes: RunningProcess[] = [];
  let reader: SqliteStore | null = null;
  let ops: SqliteOperationsStore;
  let skip = false;

  beforeAll(async () => {
    if (!(await requireRedisOrSkip())) {
      skip = true;
      return;
    }
    site = await LoopbackSite.start();
    dir = mkdtempSync(join(tmpdir(), 'hd-one-prober-'));
    deployment = createDeployment(TEST_REDIS_URL, 'prober');
    const env = { MONITORING: 'on', MONITORS_FILE: writeMonitorsFile(dir, [{ service: 'kepegawaian', url: site.url }]) };
    const api = await runService(deployment, 'api', env);
    const w1 = await runService(deployment, 'worker', env);
    const w2 = await runService(deployment, 'worker', env);
    processes = [api, w1, w2];
    reader = new SqliteStore({ dataDir: deployment.dataDir });
    await reader.open();
    ops = new SqliteOperationsStore(() => reader!.database());
  });
  afterAll(async () => {
    await reader?.close();
    for (const p of processes) await p.terminate().catch(() => undefined);
    await deployment?.cleanup();
    await site?.down();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const checks = async (): Promise<CheckResult[]> => (await ops.recentChecks('kepegawaian', 1000)).reverse();
  const pidOf = (c: CheckResult) => Number(c.probedBy.split(':')[1]);

  it('probes from one process only', async () => {
    if (skip) return;
    // All three processes are up now; give them several intervals to compete.
    const start = (await checks()).length;
    const seen = await eventually(async () => {
      const all = await checks();
      return all.length >= start + 6 ? all : null;
    }, 'six more checks', 60_000);
    const probers = new Set(seen.map((c) => c.probedBy));
    expect(probers.size).toBe(1);
    expect(processes.map((p) => p.proc.pid)).toContain(pidOf(seen[0]!));
    // One prober means one request per interval, not three: the site saw as many probes as were stored (give or take the one in flight).
    expect(site.requests.length).toBeLessThanOrEqual((await checks()).length + 1);
  });

  it('hands over to another process when the prober dies, without two probing at once', async () => {
    if (skip) return;
    const before = await checks();
    const holderPid = pidOf(before[before.length - 1]!);
    const holder = processes.find((p) => p.proc.pid === holderPid)!;
    await holder.kill();
    const after = await eventually(async () => {
      const all = await checks();
      const fresh = all.slice(before.length).filter((c) => pidOf(c) !== holderPid);
      return fresh.length >= 3 ? all : null;
    }, 'checks from another process after the lease lapsed', 90_000);
    const sequence = after.map((c) => c.probedBy).filter((p, i, arr) => i === 0 || arr[i - 1] !== p);
    expect(sequence).toHaveLength(2); // A...A then B...B: never interleaved
    expect(processes.filter((p) => p !== holder).map((p) => p.proc.pid)).toContain(pidOf(after[after.length - 1]!));
  });
});

/**
 * Bench case: the public status API (GET /api/v1/status, served from its cache) while an incident
 * with many linked reporters is resolved and every reporter is told. The real service runs in this
 * process (PROCESS_ROLE all, BullMQ on Redis when it answers); N web chat users report the outage
 * through the pipeline (their reports are linked by the dialogue); a separate process
 * (bench/status-load.ts) requests the status API over keep-alive connections. The figure is the
 * request rate during the window from the officer's resolve call to the last reporter told (the
 * linked tickets set to `selesai` and N notices written), against a baseline window before it.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import IORedis from 'ioredis';
import { startService } from '../src/app/service';
import { addOrUpdateOfficer } from '../src/officers/officer-admin';
import { percentile } from './analyze';

export interface StatusWindow {
  label: string;
  ms: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU of the service process (this process) during the window, ms per second of window. */
  cpuMsPerSecond: number;
  /** That CPU divided by the requests served: an upper bound of a status request's cost. */
  cpuUsPerRequest: number;
}

export interface StatusBenchResult {
  reporters: number;
  concurrency: number;
  windows: StatusWindow[];
  notifyMs: number;
  notified: number;
  ticketsResolved: number;
  documentKb: number;
  errors: number;
}

interface LoadReport {
  done: number[];
  latencies: number[];
  errors: number;
}

async function deletePrefix(redisUrl: string, prefix: string): Promise<void> {
  const client = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

async function until(what: string, check: () => Promise<boolean>, limitMs: number, everyMs = 20): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(everyMs);
  }
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function window(label: string, report: LoadReport, from: number, to: number, cpu: number): StatusWindow {
  const lat: number[] = [];
  let requests = 0;
  report.done.forEach((t, i) => {
    if (t < from || t > to) return;
    requests++;
    lat.push(report.latencies[i]!);
  });
  lat.sort((a, b) => a - b);
  const ms = Math.max(1, to - from);
  return {
    label,
    ms,
    requests,
    perSecond: Math.round((requests / ms) * 1000),
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    cpuMsPerSecond: Math.round((cpu / ms) * 1000),
    cpuUsPerRequest: requests ? Math.round((cpu * 1000) / requests) : NaN,
  };
}

export async function measureStatusUnderIncident(options: { redisUrl?: string; reporters: number; concurrency: number; baselineMs: number }): Promise<StatusBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-bench-status-'));
  const prefix = `benchstatus${randomBytes(3).toString('hex')}`;
  const service = await startService({
    env: {},
    PORT: 0,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    MONITORING: false,
    DATA_DIR: dataDir,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: prefix,
  });
  const load = fork(join(__dirname, 'status-load.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const { incident } = await service.operations.desk.open({
      service: 'kepegawaian',
      title: 'SIMPEG tidak dapat diakses',
      message: 'SIMPEG tidak dapat dibuka; petugas sedang menangani.',
      source: 'officer',
      by: 'bench',
    });
    // N citizens report it through the web chat front door: the dialogue links each report.
    for (let i = 0; i < options.reporters; i++) {
      await service.ingress.accept({ channel: 'webchat', threadId: `bench-${i}`, senderId: `bench-${i}`, externalId: `bench-${i}:1`, text: 'simpeg error tidak bisa login dari pagi', receivedAt: Date.now() });
    }
    await until('every report linked', async () => (await service.operations.ops.incidentLinks(incident.id)).length >= options.reporters, 180_000, 100);

    await addOrUpdateOfficer(service.store, service.knowledge, { email: 'bench@diskominfo.cirebonkab.go.id', password: 'bench-password-2026', role: 'koordinator-pemulihan', agency: 'diskominfo', name: 'Bench' });
    const login = await fetch(`${service.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@diskominfo.cirebonkab.go.id', password: 'bench-password-2026' }) });
    const token = String(((await login.json()) as { token: string }).token);
    const document = await (await fetch(`${service.url}/api/v1/status`)).text();

    const started = new Promise<void>((resolve) => load.once('message', () => resolve()));
    load.send({ url: `${service.url}/api/v1/status`, concurrency: options.concurrency });
    await started;
    await sleep(300); // connections open, caches warm
    const b0 = Date.now();
    const c0 = cpuMs();
    await sleep(options.baselineMs);
    const b1 = Date.now();
    const c1 = cpuMs();

    const t0 = Date.now();
    const c2 = cpuMs();
    const res = await fetch(`${service.url}/api/v1/incidents/${incident.id}/resolve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ message: 'SIMPEG sudah dapat diakses kembali.', resolveTickets: true }),
    });
    if (res.status !== 200) throw new Error(`resolve answered ${res.status}: ${await res.text()}`);
    await until('every reporter told', async () => (await service.operations.ops.getIncident(incident.id))?.notices.state === 'done', 300_000);
    const t1 = Date.now();
    const c3 = cpuMs();

    const report = await new Promise<LoadReport>((resolve) => {
      load.once('message', (m) => resolve(m as LoadReport));
      load.send('stop');
    });
    const notified = (await service.operations.ops.notifiedConversations(incident.id)).length;
    let ticketsResolved = 0;
    for (const l of await service.operations.ops.incidentLinks(incident.id)) if ((await service.store.getTicket(l.ticket))?.status === 'selesai') ticketsResolved++;
    return {
      reporters: options.reporters,
      concurrency: options.concurrency,
      windows: [window('baseline (open incident, nothing else running)', report, b0, b1, c1 - c0), window('resolve -> every reporter told', report, t0, t1, c3 - c2)],
      notifyMs: t1 - t0,
      notified,
      ticketsResolved,
      documentKb: Math.round(Buffer.byteLength(document) / 102.4) / 10,
      errors: report.errors,
    };
  } finally {
    if (load.connected) load.kill();
    await service.stop();
    if (options.redisUrl) await deletePrefix(options.redisUrl, prefix).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The section of `npm run bench` (registered in bench/run.ts); returns its summary rows. */
export async function runStatusBench(options: { redisUrl?: string; quick: boolean; out: (line?: string) => void; load: () => string }): Promise<(string | number)[][]> {
  const { out } = options;
  const reporters = options.quick ? 100 : 500;
  out(`=== 5. Public status API while a ${reporters}-reporter incident is resolved and notified (load ${options.load()}) ===`);
  try {
    const r = await measureStatusUnderIncident({ redisUrl: options.redisUrl, reporters, concurrency: 32, baselineMs: options.quick ? 1000 : 3000 });
    out(`GET /api/v1/status (${r.documentKb} KB, from the cache) by ${r.concurrency} keep-alive connections from a separate process; service: 1 process (api+worker), ${options.redisUrl ? 'BullMQ on Redis' : 'in-process queue'}`);
    out(['window'.padEnd(48), 'ms'.padStart(7), 'requests'.padStart(9), 'req/s'.padStart(7), 'p50 ms'.padStart(7), 'p99 ms'.padStart(7), 'service CPU ms/s'.padStart(16), 'CPU us/req'.padStart(10)].join('  '));
    for (const w of r.windows) {
      out([w.label.padEnd(48), String(w.ms).padStart(7), String(w.requests).padStart(9), String(w.perSecond).padStart(7), w.p50.toFixed(2).padStart(7), w.p99.toFixed(2).padStart(7), String(w.cpuMsPerSecond).padStart(16), String(w.cpuUsPerRequest).padStart(10)].join('  '));
    }
    out('"CPU us/req": CPU of the service process in the window / requests served (during the resolution it includes the notification work).');
    out(`resolution: ${r.ticketsResolved}/${r.reporters} linked tickets set to selesai and ${r.notified}/${r.reporters} reporters told once, in ${r.notifyMs} ms; ${r.errors} failed status requests`);
    out();
    const during = r.windows[1]!;
    return [[`status API during a ${reporters}-reporter resolution`, `${during.perSecond} req/s, p99 ${during.p99.toFixed(1)} ms, over the ${r.notifyMs} ms resolve -> all told`, 'target >= 1000 req/s']];
  } catch (err) {
    out(`status bench failed: ${err instanceof Error ? err.message : String(err)}`);
    out();
    return [];
  }
}

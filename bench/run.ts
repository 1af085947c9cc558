/**
 * `npm run bench`: every performance figure of the service in one run (no assertions, exit 0).
 *   npm run bench                 full run (about 3-5 minutes on 2 cores)
 *   npm run bench -- --quick      smaller counts (a smoke run of the bench itself)
 *   npm run bench -- --profile    also times store and queue calls and counts Redis commands
 * See bench/README.md for what each figure means.
 */
import '../src/nlu/natural';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import IORedis from 'ioredis';
import { formatThroughput, generateMessages, measureAnalyze, TEMPLATES, type AnalyzeBenchResult } from './analyze';
import { measureRawBullmq, type RawBullmqResult } from './bullmq-raw';
import {
  cycleTexts,
  ReplyTracker,
  runClosedLoop,
  runHttpClosedLoop,
  runOpenLoop,
  startBenchService,
  waitUntilDrained,
  type BenchService,
  type LatencySummary,
  type RunResult,
} from './e2e-pipeline';
import { measureMemory, type MemoryResult } from './memory';
import { loadKnowledge } from '../src/knowledge/load-knowledge';

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const PROFILE = args.has('--profile');
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

const N = QUICK
  ? { analyze: 1000, warmup: 300, maxConversations: 300, maxMessages: 2000, httpSessions: 50, httpPer: 4, halfMessages: 1000, rawJobs: 5000, memory: 2000 }
  : { analyze: 3000, warmup: 1500, maxConversations: 1000, maxMessages: 12_000, httpSessions: 200, httpPer: 5, halfMessages: 6000, rawJobs: 20_000, memory: 10_000 };

const out = (line = '') => process.stdout.write(`${line}\n`);
const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : '-');
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

function table(headers: string[], rows: (string | number)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  out(line(cells[0]!));
  out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) out(line(r));
}

async function redisInfo(): Promise<{ ok: boolean; version: string; error?: string }> {
  const client = new IORedis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const info = await client.info('server');
    return { ok: true, version: /redis_version:(\S+)/.exec(info)?.[1] ?? '?' };
  } catch (err) {
    return { ok: false, version: '-', error: err instanceof Error ? err.message : String(err) };
  } finally {
    client.disconnect();
  }
}

async function redisCpuSeconds(): Promise<number | null> {
  const client = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const info = await client.info('cpu');
    const user = Number(/used_cpu_user:(\S+)/.exec(info)?.[1] ?? NaN);
    const sys = Number(/used_cpu_sys:(\S+)/.exec(info)?.[1] ?? NaN);
    return user + sys;
  } catch {
    return null;
  } finally {
    client.disconnect();
  }
}

// ------------------------------------------------------------------------------------ profile

interface Timing {
  calls: number;
  ms: number;
}

/** Wraps store and queue methods of a running service with timers; counts Redis commands of this process. */
function instrument(bench: BenchService): { reset(): void; report(messages: number): void } {
  const store = bench.service.store as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const queue = bench.service.queue as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const storeT = new Map<string, Timing>();
  const queueT = new Map<string, Timing>();
  const redisCmds = new Map<string, number>();
  const get = (m: Map<string, Timing>, k: string) => m.get(k) ?? (m.set(k, { calls: 0, ms: 0 }), m.get(k)!);
  for (const name of ['acceptInbound', 'getConversation', 'pendingEntries', 'saveConversation', 'appendEntries', 'createTicket', 'nextCounter', 'getDoc', 'putDoc', 'findConversation', 'getTicket', 'listTickets', 'updateTicket']) {
    const orig = store[name];
    if (typeof orig !== 'function') continue;
    store[name] = function (this: unknown, ...a: unknown[]) {
      const t0 = performance.now();
      const p = orig.apply(bench.service.store, a);
      // better-sqlite3 is synchronous: the work is done when the call returns.
      const t = get(storeT, name);
      t.calls++;
      t.ms += performance.now() - t0;
      return p;
    };
  }
  for (const name of ['signalConversation', 'enqueueDelivery', 'schedule', 'cancelSchedule']) {
    const orig = queue[name];
    if (typeof orig !== 'function') continue;
    queue[name] = async function (this: unknown, ...a: unknown[]) {
      const t0 = performance.now();
      try {
        return await orig.apply(bench.service.queue, a);
      } finally {
        const t = get(queueT, name);
        t.calls++;
        t.ms += performance.now() - t0;
      }
    };
  }
  const proto = IORedis.prototype as unknown as { sendCommand: (cmd: { name: string; args?: unknown[] }, ...rest: unknown[]) => unknown };
  const origSend = proto.sendCommand;
  proto.sendCommand = function (this: unknown, cmd, ...rest) {
    const name = cmd.name;
    redisCmds.set(name, (redisCmds.get(name) ?? 0) + 1);
    return origSend.call(this, cmd, ...rest);
  };
  return {
    reset() {
      storeT.clear();
      queueT.clear();
      redisCmds.clear();
    },
    report(messages) {
      out(`  per replied message (${messages} messages):`);
      const rows: (string | number)[][] = [];
      for (const [k, t] of [...storeT].sort((a, b) => b[1].ms - a[1].ms)) rows.push([`store.${k} (sync CPU)`, (t.calls / messages).toFixed(2), ms(t.ms / t.calls), ms(t.ms / messages)]);
      for (const [k, t] of [...queueT].sort((a, b) => b[1].ms - a[1].ms)) rows.push([`queue.${k} (wall, awaits Redis)`, (t.calls / messages).toFixed(2), ms(t.ms / t.calls), ms(t.ms / messages)]);
      table(['call', 'calls/msg', 'ms/call', 'ms/msg'], rows);
      const total = [...redisCmds.values()].reduce((a, b) => a + b, 0);
      out(`  Redis commands sent by this process: ${(total / messages).toFixed(1)} per message (${[...redisCmds].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${(v / messages).toFixed(1)}`).join(', ')})`);
    },
  };
}

// ------------------------------------------------------------------------------------ main

function latencyCells(l: LatencySummary): string[] {
  return [ms(l.p50), ms(l.p90), ms(l.p99), ms(l.max)];
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const redis = await redisInfo();
  const knowledge = loadKnowledge();
  const allTexts = generateMessages(knowledge, 4000, TEMPLATES.filter((t) => !/sambungkan ke petugas/.test(t)));

  out('=== Environment ===');
  out(`node ${process.version} on ${os.platform()} ${os.arch()}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}); load average at start: ${load()}`);
  out(`Redis ${REDIS_URL}: ${redis.ok ? `version ${redis.version}` : `UNREACHABLE (${redis.error})`}; store: sqlite (embedded, WAL, synchronous=NORMAL); queue: ${redis.ok ? 'bullmq' : 'in-process'}; events: ${redis.ok ? 'redis pub/sub' : 'in-process'}`);
  out(`mode: ${QUICK ? 'quick' : 'full'}${PROFILE ? ' + profile' : ''}; WORKER_CONCURRENCY 50 (default)`);
  out();

  // 4. Memory
  out(`=== 4. Memory with ${N.memory} open conversations (one message each, through the pipeline; runs first, on a fresh process) (load ${load()}) ===`);
  let mem: MemoryResult | null = null;
  try {
    mem = await measureMemory(redis.ok ? REDIS_URL : undefined, { conversations: N.memory, texts: cycleTexts(allTexts) });
    table(
      ['', 'RSS MB', 'heap used MB', 'heap total MB', 'external MB'],
      [
        ['before', mem.before.rssMb, mem.before.heapUsedMb, mem.before.heapTotalMb, mem.before.externalMb],
        [`after ${mem.conversations} conversations`, mem.after.rssMb, mem.after.heapUsedMb, mem.after.heapTotalMb, mem.after.externalMb],
        ['difference', (mem.after.rssMb - mem.before.rssMb).toFixed(1), (mem.after.heapUsedMb - mem.before.heapUsedMb).toFixed(1), (mem.after.heapTotalMb - mem.before.heapTotalMb).toFixed(1), (mem.after.externalMb - mem.before.externalMb).toFixed(1)],
      ],
    );
    out(`GC before each reading: ${mem.gc}${mem.gc === 'none' ? ' (figures include garbage; run node with --expose-gc)' : ''}`);
    out(`${mem.conversations} first messages accepted and processed in ${mem.ms.toFixed(0)} ms = ${mem.perSecond} msg/s (200 accepts in flight; ${mem.drained ? 'all processed' : 'NOT all processed within 120 s'}; ${mem.storedConversations} conversations in the store)`);
    out('RSS is the whole bench process: service, NLU model, SQLite page cache (up to 32 MB), Redis connections.');
  } catch (err) {
    out(`memory run failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  out();

  // 1. NLU
  out(`=== 1. Model build and analyze (load ${load()}) ===`);
  const nlu: AnalyzeBenchResult = await measureAnalyze(N.analyze);
  out(`load faq/ + lexicon: ${nlu.loadMs.toFixed(0)} ms (${nlu.faqEntries} FAQ entries, ${nlu.services} services)`);
  out(`model build cold (fresh cache dir, ${nlu.coldSource}): ${nlu.coldBuildMs.toFixed(0)} ms; cached (${nlu.cachedSource}): ${nlu.cachedBuildMs.toFixed(0)} ms; without cache dir: ${nlu.noCacheBuildMs.toFixed(0)} ms`);
  out(formatThroughput(nlu.understand));
  out(formatThroughput(nlu.analyze));
  out();

  let raw: RawBullmqResult | null = null;
  const runs: { result: RunResult; load: string }[] = [];
  let maxRun: RunResult | null = null;
  let halfRun: RunResult | null = null;
  let redisCpu: number | null = null;

  if (!redis.ok) {
    out(`=== 2-3. SKIPPED: Redis unreachable at ${REDIS_URL} (${redis.error}). Start it: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" ===`);
    out();
  } else {
    // 3 first (a clean queue layer ceiling before the pipeline loads Redis).
    out(`=== 3. Raw BullMQ (no-op jobs, concurrency 50) (load ${load()}) ===`);
    raw = await measureRawBullmq({ redisUrl: REDIS_URL, prefix: `benchraw${process.pid}`, jobs: N.rawJobs, concurrency: 50 });
    out(`${raw.jobs} jobs in ${raw.ms} ms = ${raw.jobsPerSecond} jobs/s`);
    out();

    out(`=== 2. End-to-end pipeline: ingress.accept -> BullMQ -> drain (NLU, dialogue, SQLite) -> reply stored (load ${load()}) ===`);
    const bench = await startBenchService(REDIS_URL, 'e2e');
    const prof = PROFILE ? instrument(bench) : null;
    const tracker = new ReplyTracker(bench.service);
    try {
      const texts = cycleTexts(allTexts);
      const warm = await runClosedLoop(bench, tracker, { label: 'warm-up (closed loop)', conversations: 200, messages: N.warmup, texts });
      runs.push({ result: warm, load: load() });
      prof?.reset();

      const cpuBefore = await redisCpuSeconds();
      maxRun = await runClosedLoop(bench, tracker, {
        label: `max: closed loop, ${N.maxConversations} conversations`,
        conversations: N.maxConversations,
        messages: N.maxMessages,
        texts,
      });
      const cpuAfter = await redisCpuSeconds();
      if (cpuBefore !== null && cpuAfter !== null) redisCpu = (cpuAfter - cpuBefore) / (maxRun.ms / 1000);
      runs.push({ result: maxRun, load: load() });
      if (prof) {
        out('profile of the max run:');
        prof.report(maxRun.replied);
        prof.reset();
      }

      const half = Math.max(10, Math.round(maxRun.perSecond / 2));
      halfRun = await runOpenLoop(bench, tracker, {
        label: `half load: open loop at ${half} msg/s`,
        rate: half,
        messages: Math.max(1000, Math.min(N.halfMessages, half * 20)),
        pool: Math.max(500, Math.min(2000, half * 4)),
        texts,
      });
      runs.push({ result: halfRun, load: load() });

      const direct = await runClosedLoop(bench, tracker, {
        label: `accept(): closed loop, ${N.httpSessions} conversations`,
        conversations: N.httpSessions,
        messages: N.httpSessions * N.httpPer,
        texts,
      });
      runs.push({ result: direct, load: load() });
      const overHttp = await runHttpClosedLoop(bench, tracker, {
        label: `HTTP POST: closed loop, ${N.httpSessions} conversations`,
        conversations: N.httpSessions,
        perConversation: N.httpPer,
        warmupPerConversation: 1,
        texts,
      });
      runs.push({ result: overHttp, load: load() });
      await waitUntilDrained(bench.service, 30_000);
    } finally {
      tracker.close();
      await bench.cleanup();
    }
    out();
    table(
      ['run', 'sent', 'replied', 'no reply', 'handoffs', 'msg/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'accept p50', 'accept p99', 'ELU', 'CPU ms/msg', 'load 1/5/15'],
      runs.map(({ result: r, load: l }) => [
        r.label,
        r.sent,
        r.replied,
        r.noReply,
        r.handedOff,
        r.perSecond,
        ...latencyCells(r.acceptedToReply),
        ms(r.acceptCall.p50),
        ms(r.acceptCall.p99),
        r.elu.toFixed(2),
        r.cpuMsPerMessage.toFixed(2),
        l,
      ]),
    );
    out('latency (p50..max) = accept() resolved (HTTP: 202 received) -> first bot reply stored; "accept" = the accept() call / HTTP request itself.');
    for (const { result: r } of runs) if (r.unanswered.length) out(`no reply in "${r.label}" to: ${r.unanswered.map((t) => JSON.stringify(t)).join(', ')}`);
    if (redisCpu !== null) out(`redis-server CPU during the max run (all clients of this Redis, shared): ${(redisCpu * 100).toFixed(0)}% of one core`);
    if (bench.logged.warn || bench.logged.error) out(`service logged ${bench.logged.warn} warnings, ${bench.logged.error} errors; first: ${bench.logged.first.join(' | ')}`);
    out();
  }

  // Summary
  out(`=== Summary (load ${load()}; ${os.cpus().length} cores shared with other work) ===`);
  const rows: (string | number)[][] = [
    ['model build cold / cached', `${nlu.coldBuildMs.toFixed(0)} ms / ${nlu.cachedBuildMs.toFixed(0)} ms`, ''],
    ['analyze warm', `${nlu.analyze.perSecond} msg/s, p50 ${ms(nlu.analyze.p50)} ms, p99 ${ms(nlu.analyze.p99)} ms`, ''],
  ];
  if (maxRun) rows.push(['e2e max throughput (closed loop)', `${maxRun.perSecond} msg/s over ${maxRun.replied} messages (p50 ${ms(maxRun.acceptedToReply.p50)} ms, p99 ${ms(maxRun.acceptedToReply.p99)} ms)`, 'target >= 1000 msg/s']);
  if (halfRun) rows.push([`e2e at half load (${halfRun.targetRate} msg/s, open loop)`, `p50 ${ms(halfRun.acceptedToReply.p50)} ms, p99 ${ms(halfRun.acceptedToReply.p99)} ms (${halfRun.perSecond} msg/s achieved)`, 'target p99 < 100 ms']);
  if (raw) rows.push(['raw BullMQ no-op (concurrency 50)', `${raw.jobsPerSecond} jobs/s`, '']);
  if (raw && maxRun) rows.push(['ratio e2e / raw', (maxRun.perSecond / raw.jobsPerSecond).toFixed(2), 'target >= 0.25']);
  if (mem) rows.push([`memory, ${mem.conversations} conversations`, `RSS ${mem.before.rssMb} -> ${mem.after.rssMb} MB, heap used ${mem.before.heapUsedMb} -> ${mem.after.heapUsedMb} MB`, '']);
  table(['figure', 'value', 'target'], rows);
  out(`bench took ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

main()
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });

/**
 * End-to-end pipeline benchmark on the REAL service: startService with an embedded SQLite store
 * in a temp DATA_DIR, the BullMQ queue and the Redis event bus on REDIS_URL under a unique
 * REDIS_PREFIX (deleted afterwards). Messages enter through `service.ingress.accept` (the front
 * door of every channel and of the web chat HTTP API) or through HTTP POST of the web chat API.
 * Two layouts: the whole service in this process (PROCESS_ROLE all), or this process as the API
 * (PROCESS_ROLE api) plus one worker child process (worker-process.ts) sharing DATA_DIR and the
 * Redis prefix; replies then arrive here through the Redis event bus.
 *
 * Latency of one message = from accept() resolving (or the HTTP 202 arriving) to its first bot
 * reply being stored. The reply is observed on the live event the engine publishes right after
 * storing it (`webchat:<sessionId>` topic, entry.from === 'bot'); the reply's id is
 * `<user entry id>:r0`, so each reply is matched to its own message.
 *
 * Runs:
 * - closed loop (`runClosedLoop`): C conversations, each sends its next message when the reply to
 *   the previous one arrived (a person waiting for the bot); gives the maximum sustained rate.
 * - open loop (`runOpenLoop`): messages injected on a timer at a fixed rate over a pool of
 *   conversations, whatever the replies do; gives latency at a given load.
 * - HTTP closed loop (`runHttpClosedLoop`): like the closed loop, through POST
 *   /api/v1/webchat/sessions/:id/messages (keep-alive client in the same process).
 * A conversation handed to a human (the bot falls silent) is retired and replaced.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import IORedis from 'ioredis';
import { Writable } from 'node:stream';
import { startService, type RunningService, type ServiceMetrics } from '../src/app/service';
import { createLogger, type Logger } from '../src/runtime/logger';
import { noopMetrics } from '../src/metrics/port';
import { percentile } from './analyze';
import { WorkerProcess } from './worker-process';

export interface BenchService {
  /** The service in this process: PROCESS_ROLE all (1-process configuration) or api (2 processes). */
  service: RunningService;
  /** Human-readable configuration, e.g. "1 process (api+worker)". */
  configuration: string;
  /** The worker child process of the 2-process configuration, or null. */
  worker: WorkerProcess | null;
  prefix: string;
  dataDir: string;
  /** Warnings and errors the service logged (LOG_LEVEL is silent otherwise), in this process and the worker process. */
  logged: { warn: number; error: number; first: string[] };
  cleanup(): Promise<void>;
}

/**
 * Observability ON (the default, as deployed): the real pino logger at LOG_LEVEL info with
 * redaction and request ids, writing JSON lines to a sink that counts warnings and errors, and
 * the real Prometheus metrics (scraped every few seconds during the run by scrapeMetrics).
 */
function productionLogger(logged: BenchService['logged']): Logger {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      const line = chunk.toString();
      const level = line.includes('"level":"error"') ? 'error' : line.includes('"level":"warn"') ? 'warn' : null;
      if (level) {
        logged[level]++;
        if (logged.first.length < 5) logged.first.push(`${level}: ${line.slice(0, 300)}`);
      }
      done();
    },
  });
  return createLogger('info', {}, { destination: sink as never });
}

/** Observability OFF (for comparison): no log lines are formatted (warnings/errors only counted), no metrics. */
function countingLogger(logged: BenchService['logged']): Logger {
  const note = (level: 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => {
    logged[level]++;
    if (logged.first.length < 5) logged.first.push(`${level}: ${msg} ${fields ? JSON.stringify(fields).slice(0, 300) : ''}`);
  };
  const logger: Logger = {
    error: (m, f) => note('error', m, f),
    warn: (m, f) => note('warn', m, f),
    info: () => undefined,
    debug: () => undefined,
    child: () => logger,
  };
  return logger;
}

const noMetrics: ServiceMetrics = { ...noopMetrics, render: async () => ({ contentType: 'text/plain', body: '' }) };

/** Scrapes GET /metrics every `everyMs` (as Prometheus would) until stopped. */
export function scrapeMetrics(url: string, everyMs = 5000): () => void {
  const timer = setInterval(() => {
    void fetch(`${url}/metrics`)
      .then((r) => r.text())
      .catch(() => undefined);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

export interface BenchServiceOptions {
  /**
   * 'single' (default): the whole service (PROCESS_ROLE all) in this process.
   * 'split': this process runs PROCESS_ROLE api (HTTP, ingress: store write + queue signal) and
   * one child process runs src/main.ts with PROCESS_ROLE=worker on the same DATA_DIR (SQLite
   * WAL, shared across processes), REDIS_URL and REDIS_PREFIX: the way the service scales.
   * Replies reach this process's ReplyTracker through the Redis event bus. Needs Redis.
   */
  layout?: 'single' | 'split';
  /** Extra service variables of the worker process (split layout), e.g. WORKER_CONCURRENCY. */
  workerEnv?: Record<string, string>;
  /** Metrics and structured logging as deployed ('on', default) or left out ('off', for comparison). */
  observability?: 'on' | 'off';
}

/** With redisUrl undefined: the embedded in-process queue and event bus. */
export async function startBenchService(redisUrl: string | undefined, tag: string, options: BenchServiceOptions = {}): Promise<BenchService> {
  const split = options.layout === 'split';
  const observe = options.observability !== 'off';
  if (split && !redisUrl) throw new Error('the 2-process configuration needs Redis');
  const dataDir = mkdtempSync(join(tmpdir(), `helpdesk-bench-${tag}-`));
  const prefix = `bench${tag}${randomBytes(3).toString('hex')}`;
  const logged = { warn: 0, error: 0, first: [] as string[] };
  let service: RunningService | null = null;
  let worker: WorkerProcess | null = null;
  const cleanup = async () => {
    try {
      await worker?.stop();
      if (worker) {
        logged.warn += worker.logged.warn;
        logged.error += worker.logged.error;
        logged.first.push(...worker.logged.first.slice(0, Math.max(0, 5 - logged.first.length)));
      }
      await service?.stop();
      if (redisUrl) {
        const client = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
        try {
          await deletePrefix(client, `${prefix}:`);
        } finally {
          client.disconnect();
        }
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  try {
    service = await startService({
      env: {},
      PORT: 0,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      MONITORING: false,
      DATA_DIR: dataDir,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      PROCESS_ROLE: split ? 'api' : 'all',
      // The bench's load comes from one address: the per-address limits would refuse it.
      LIMIT_MESSAGES_PER_IP_PER_MINUTE: 10_000_000,
      LIMIT_STREAMS_PER_IP_PER_MINUTE: 10_000_000,
      LIMIT_ANALYZE_PER_IP_PER_MINUTE: 10_000_000,
      logger: observe ? productionLogger(logged) : countingLogger(logged),
      ...(observe ? {} : { metrics: noMetrics }),
    });
    // The API process opened (and migrated) the store first; the worker shares the same file.
    if (split) worker = await WorkerProcess.start({ dataDir, redisUrl: redisUrl!, prefix, logLevel: observe ? 'info' : 'warn', env: options.workerEnv });
  } catch (err) {
    await cleanup().catch(() => undefined);
    throw err;
  }
  return {
    service,
    configuration: split ? '2 processes (api + 1 worker)' : '1 process (api+worker)',
    worker,
    prefix,
    dataDir,
    logged,
    cleanup,
  };
}

export async function deletePrefix(redis: IORedis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

// ------------------------------------------------------------------------------------ replies

interface Waiter {
  resolve: (replyAt: number | null) => void;
  timer: NodeJS.Timeout;
}

/** Matches stored bot replies (live events) to the user entries they answer. */
export class ReplyTracker {
  private readonly early = new Map<string, number>();
  private readonly waiters = new Map<string, Waiter>();
  private readonly handedOff = new Set<string>();
  private readonly unsubscribes: (() => void)[] = [];

  constructor(private readonly service: RunningService) {
    this.unsubscribes.push(
      service.events.subscribe('inbox', (event) => {
        if (event.kind === 'waiting' && typeof event.conversationId === 'string') this.handedOff.add(event.conversationId);
      }),
    );
  }

  watch(sessionId: string): void {
    this.unsubscribes.push(
      this.service.events.subscribe(`webchat:${sessionId}`, (event) => {
        const entry = event.entry as { id?: string; from?: string } | undefined;
        if (!entry?.id || entry.from !== 'bot') return;
        const m = /^(.*):r(\d+)$/.exec(entry.id);
        if (!m) return;
        const userEntryId = m[1]!;
        const at = performance.now();
        const waiter = this.waiters.get(userEntryId);
        if (waiter) {
          this.waiters.delete(userEntryId);
          clearTimeout(waiter.timer);
          waiter.resolve(at);
        } else if (m[2] === '0') this.early.set(userEntryId, at);
      }),
    );
  }

  /** Resolves once every subscription is active in Redis. */
  async ready(): Promise<void> {
    const bus = this.service.events as { ready?: () => Promise<void> };
    if (bus.ready) await bus.ready();
  }

  isHandedOff(conversationId: string): boolean {
    return this.handedOff.has(conversationId);
  }

  /** Time (performance.now) the first reply to `entryId` was stored; null after `timeoutMs`. */
  replyOf(entryId: string, timeoutMs: number): Promise<number | null> {
    const early = this.early.get(entryId);
    if (early !== undefined) {
      this.early.delete(entryId);
      return Promise.resolve(early);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(entryId);
        resolve(null);
      }, timeoutMs);
      this.waiters.set(entryId, { resolve, timer });
    });
  }

  close(): void {
    for (const u of this.unsubscribes) u();
    for (const w of this.waiters.values()) clearTimeout(w.timer);
    this.waiters.clear();
  }
}

// ------------------------------------------------------------------------------------ results

export interface LatencySummary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function summarize(values: number[]): LatencySummary {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), max: s.length ? s[s.length - 1]! : NaN };
}

export interface RunResult {
  label: string;
  sent: number;
  replied: number;
  noReply: number;
  handedOff: number;
  ms: number;
  /** Replied messages per second over the run (first send to last reply). */
  perSecond: number;
  /** accept() resolved (or HTTP 202 received) -> first bot reply stored. */
  acceptedToReply: LatencySummary;
  /** accept() call (or HTTP request) -> resolved. */
  acceptCall: LatencySummary;
  /** Open loop: target rate. */
  targetRate?: number;
  /** Event-loop utilisation of this process during the run (1 = CPU-bound main thread). */
  elu: number;
  /** CPU time of this process (user+system) per replied message, ms. */
  cpuMsPerMessage: number;
  /** 2 processes: CPU time of the worker process per replied message, ms (null otherwise or without /proc). */
  workerCpuMsPerMessage: number | null;
  /** 2 processes: CPU of the worker process during the run, in cores (1 = one core busy). */
  workerCpuShare: number | null;
  /** Texts of a few messages that got no reply (for diagnosis). */
  unanswered: string[];
}

interface Sample {
  accepted: number;
  replied: number | null;
  callMs: number;
  text?: string;
}

interface Meter {
  elu0: ReturnType<typeof performance.eventLoopUtilization>;
  cpu0: NodeJS.CpuUsage;
  worker: WorkerProcess | null;
  workerCpu0: number | null;
}

function startMeter(bench: BenchService): Meter {
  return { elu0: performance.eventLoopUtilization(), cpu0: process.cpuUsage(), worker: bench.worker, workerCpu0: bench.worker?.cpuMs() ?? null };
}

function measureResult(label: string, samples: Sample[], handedOff: number, started: number, meter: Meter, targetRate?: number): RunResult {
  const ok = samples.filter((s) => s.replied !== null);
  const end = ok.reduce((m, s) => Math.max(m, s.replied!), started);
  const ms = end - started;
  const cpu = process.cpuUsage(meter.cpu0);
  const workerCpu1 = meter.worker?.cpuMs() ?? null;
  const workerCpuMs = meter.workerCpu0 !== null && workerCpu1 !== null ? workerCpu1 - meter.workerCpu0 : null;
  return {
    label,
    sent: samples.length,
    replied: ok.length,
    noReply: samples.length - ok.length,
    handedOff,
    ms,
    perSecond: Math.round((ok.length / ms) * 1000),
    acceptedToReply: summarize(ok.map((s) => Math.max(0, s.replied! - s.accepted))),
    acceptCall: summarize(samples.map((s) => s.callMs)),
    targetRate,
    elu: performance.eventLoopUtilization(meter.elu0).utilization,
    cpuMsPerMessage: (cpu.user + cpu.system) / 1000 / Math.max(1, ok.length),
    workerCpuMsPerMessage: workerCpuMs === null ? null : workerCpuMs / Math.max(1, ok.length),
    workerCpuShare: workerCpuMs === null || ms <= 0 ? null : workerCpuMs / ms,
    unanswered: samples.filter((s) => s.replied === null && s.text !== undefined).slice(0, 5).map((s) => s.text!),
  };
}

export interface TextSource {
  next(): string;
}

export function cycleTexts(texts: string[]): TextSource {
  let i = 0;
  return { next: () => texts[i++ % texts.length]! };
}

let sessionCounter = 0;
/** External message ids are unique across runs ((channel, externalId) de-duplicates). */
let messageCounter = 0;
const runTag = randomBytes(3).toString('hex');
const nextExternalId = (kind: string) => `${kind}${runTag}-${(messageCounter++).toString(36)}`;
function newSessionId(tag: string): string {
  return `b${tag}${(sessionCounter++).toString(36)}${randomBytes(6).toString('hex')}`.slice(0, 60);
}

/** A pool of web chat sessions, all subscribed before the run (subscribing is a Redis round trip). */
async function sessionPool(tracker: ReplyTracker, tag: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newSessionId(tag));
  for (const id of ids) tracker.watch(id);
  await tracker.ready();
  return ids;
}

// ------------------------------------------------------------------------------------ runs

export interface ClosedLoopOptions {
  label: string;
  conversations: number;
  messages: number;
  texts: TextSource;
  replyTimeoutMs?: number;
}

/** C conversations in parallel, each waits for the bot's reply before its next message. */
export async function runClosedLoop(bench: BenchService, tracker: ReplyTracker, options: ClosedLoopOptions): Promise<RunResult> {
  const { service } = bench;
  const timeoutMs = options.replyTimeoutMs ?? 15_000;
  const spares = await sessionPool(tracker, 'c', Math.ceil(options.conversations * 1.3) + 10);
  const samples: Sample[] = [];
  let handedOff = 0;
  let budget = options.messages;
  const meter = startMeter(bench);
  const started = performance.now();
  const slot = async () => {
    let session = spares.pop()!;
    while (budget > 0) {
      budget--;
      const text = options.texts.next();
      const t0 = performance.now();
      const outcome = await service.ingress.accept({
        channel: 'webchat',
        threadId: session,
        senderId: session,
        externalId: nextExternalId('m'),
        text,
        receivedAt: Date.now(),
      });
      const accepted = performance.now();
      const sample: Sample = { accepted, replied: null, callMs: accepted - t0, text };
      samples.push(sample);
      sample.replied = await tracker.replyOf(outcome.entryId, timeoutMs);
      if (sample.replied === null || tracker.isHandedOff(outcome.conversationId)) {
        // A human owns the chat now: the bot stays silent there. A new person takes the slot.
        handedOff++;
        const next = spares.pop();
        if (!next) return;
        session = next;
      }
    }
  };
  await Promise.all(Array.from({ length: options.conversations }, slot));
  return measureResult(options.label, samples, handedOff, started, meter);
}

export interface OpenLoopOptions {
  label: string;
  /** Messages per second, injected whatever the replies do. */
  rate: number;
  messages: number;
  /** Conversations the messages rotate over (each gets a message every pool/rate seconds). */
  pool: number;
  texts: TextSource;
  replyTimeoutMs?: number;
}

/** Fixed-rate injection (a timer every 5 ms sends what is due), latency per message. */
export async function runOpenLoop(bench: BenchService, tracker: ReplyTracker, options: OpenLoopOptions): Promise<RunResult> {
  const { service } = bench;
  const timeoutMs = options.replyTimeoutMs ?? 15_000;
  const sessions = await sessionPool(tracker, 'o', options.pool);
  const conversationOf = new Map<string, string>();
  const samples: Sample[] = [];
  const waits: Promise<void>[] = [];
  let sent = 0;
  let cursor = 0;
  const meter = startMeter(bench);
  const started = performance.now();
  const sendOne = () => {
    // Skip conversations handed to a human (the bot would stay silent there).
    let session = sessions[cursor++ % sessions.length]!;
    for (let tries = 0; tries < sessions.length; tries++) {
      const c = conversationOf.get(session);
      if (!c || !tracker.isHandedOff(c)) break;
      session = sessions[cursor++ % sessions.length]!;
    }
    const text = options.texts.next();
    const t0 = performance.now();
    const sample: Sample = { accepted: NaN, replied: null, callMs: NaN, text };
    samples.push(sample);
    waits.push(
      service.ingress
        .accept({ channel: 'webchat', threadId: session, senderId: session, externalId: nextExternalId('o'), text, receivedAt: Date.now() })
        .then(async (outcome) => {
          sample.accepted = performance.now();
          sample.callMs = sample.accepted - t0;
          conversationOf.set(session, outcome.conversationId);
          sample.replied = await tracker.replyOf(outcome.entryId, timeoutMs);
        }),
    );
  };
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(options.messages, Math.floor(((performance.now() - started) / 1000) * options.rate));
      while (sent < due) {
        sent++;
        sendOne();
      }
      if (sent >= options.messages) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  await Promise.all(waits);
  const handedOff = new Set([...conversationOf.values()].filter((c) => tracker.isHandedOff(c))).size;
  return measureResult(options.label, samples, handedOff, started, meter, options.rate);
}

// ------------------------------------------------------------------------------------ HTTP

/**
 * One JSON request on the keep-alive agent. A request on a reused socket that the server closed
 * meanwhile (idle past its keep-alive timeout, likely on a loaded machine) fails with ECONNRESET
 * before reaching the handler: it is sent once more on a new socket (the messages carry a
 * clientMessageId, so even a repeat would be de-duplicated).
 */
async function httpJson(agent: http.Agent, url: string, method: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  try {
    return await httpJsonOnce(agent, url, method, body, headers);
  } catch (err) {
    if ((err as { reusedSocket?: boolean }).reusedSocket && (err as NodeJS.ErrnoException).code === 'ECONNRESET') return httpJsonOnce(agent, url, method, body, headers);
    throw err;
  }
}

function httpJsonOnce(agent: http.Agent, url: string, method: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      url,
      { method, agent, headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
    if (payload) req.write(payload);
    req.end();
  });
}

export interface HttpClosedLoopOptions {
  label: string;
  /** Sessions (each created through POST /sessions; the API allows 30 per IP per minute, so each gets its own X-Forwarded-For). */
  conversations: number;
  /** Messages per session (the API allows 30 per session per minute). */
  perConversation: number;
  /** Messages per session sent first, not measured (opens the keep-alive sockets, warms the routes). */
  warmupPerConversation?: number;
  texts: TextSource;
  replyTimeoutMs?: number;
}

export async function runHttpClosedLoop(bench: BenchService, tracker: ReplyTracker, options: HttpClosedLoopOptions): Promise<RunResult> {
  const base = bench.service.url;
  const agent = new http.Agent({ keepAlive: true, maxSockets: Math.min(256, options.conversations) });
  const timeoutMs = options.replyTimeoutMs ?? 15_000;
  try {
    const sessions: { sessionId: string; token: string }[] = [];
    for (let i = 0; i < options.conversations; i++) {
      const r = await httpJson(agent, `${base}/api/v1/webchat/sessions`, 'POST', {}, { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` });
      if (r.status !== 201) throw new Error(`POST /sessions answered ${r.status}: ${JSON.stringify(r.json)}`);
      sessions.push(r.json as { sessionId: string; token: string });
    }
    for (const s of sessions) tracker.watch(s.sessionId);
    await tracker.ready();
    const samples: Sample[] = [];
    let handedOff = 0;
      let failures = 0;
    const meter = startMeter(bench);
    const started = performance.now();
    await Promise.all(
      sessions.map(async (s) => {
        for (let k = 0; k < options.perConversation; k++) {
          const t0 = performance.now();
          const r = await httpJson(agent, `${base}/api/v1/webchat/sessions/${s.sessionId}/messages`, 'POST', { text: options.texts.next(), clientMessageId: nextExternalId('h') }, { authorization: `Bearer ${s.token}` });
          const accepted = performance.now();
          if (r.status !== 202) {
            failures++;
            continue;
          }
          const sample: Sample = { accepted, replied: null, callMs: accepted - t0 };
          samples.push(sample);
          sample.replied = await tracker.replyOf((r.json as { id: string }).id, timeoutMs);
          if (sample.replied === null) {
            handedOff++;
            return;
          }
        }
      }),
    );
    const result = measureResult(options.label, samples, handedOff, started, meter);
    if (failures) result.label += ` (${failures} requests not 202)`;
    return result;
  } finally {
    agent.destroy();
  }
}

// ------------------------------------------------------------------------------------ waiting

/** Resolves when no conversation has a pending user entry (the pipeline has caught up). */
export async function waitUntilDrained(service: RunningService, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const left = await service.store.conversationsWithPending(Number.MAX_SAFE_INTEGER, 1);
    if (left.length === 0) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

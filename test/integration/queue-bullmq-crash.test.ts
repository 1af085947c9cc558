/**
 * A worker process dies mid-drain: another worker takes the conversation over after the lock
 * expires, and never while the first one is alive. Redis down: producers fail fast with
 * TransientError and recover by themselves when Redis is back (a private redis-server on a free
 * port; the shared one is never touched).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { TransientError } from '../../src/domain/errors';
import { BullmqQueueBus } from '../../src/queue/bullmq/bullmq-queue';
import type { QueueHandlers } from '../../src/queue/port';
import { RedisEventBus } from '../../src/realtime/redis-event-bus';
import { deletePrefix, requireRedisOrSkip, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis';
import { waitFor } from '../contract/queue.contract';

jest.setTimeout(60_000);
const root = join(__dirname, '..', '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const noop: QueueHandlers = { drain: async () => {}, deliver: async () => {}, timer: async () => {} };

function startChild(prefix: string): { child: ChildProcess; lines: string[] } {
  // node --import tsx (not the tsx binary, which runs node as a grandchild that SIGKILL would miss).
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test', 'helpers', 'queue-crash-worker.ts')], {
    cwd: root,
    env: { ...process.env, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, LOCK_MS: '1000', STALLED_MS: '500' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  child.stdout?.on('data', (d: Buffer) => lines.push(...d.toString().split('\n').filter(Boolean)));
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
  return { child, lines };
}

describe('BullMQ queue: a worker killed mid-drain', () => {
  let ok = false;
  const prefix = uniquePrefix('crash');
  let child: ChildProcess | null = null;
  const buses: BullmqQueueBus[] = [];

  beforeAll(async () => {
    ok = await requireRedisOrSkip();
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
    for (const b of buses) await b.close();
    if (!ok) return;
    const redis = new IORedis(TEST_REDIS_URL);
    await deletePrefix(redis as never, `${prefix}:`);
    redis.disconnect();
  });

  it('is taken over by another worker after the lock expires, never while the first lives', async () => {
    if (!ok) return;
    const started = startChild(prefix);
    child = started.child;
    await waitFor(() => started.lines.includes('ready'), 'child worker ready', 30_000);

    const producer = new BullmqQueueBus({ redisUrl: TEST_REDIS_URL, prefix, concurrency: 1, onError: () => {} });
    buses.push(producer);
    await producer.start(noop, { consume: false });
    await producer.signalConversation('conv-crash');
    await waitFor(() => started.lines.includes('drain-started conv-crash'), 'child drain started');

    // A second worker process (here: in the test) joins while the child is alive and drains.
    const drains: string[] = [];
    const second = new BullmqQueueBus({
      redisUrl: TEST_REDIS_URL,
      prefix,
      concurrency: 5,
      lockDurationMs: 1000,
      stalledIntervalMs: 500,
      onError: () => {},
    });
    buses.push(second);
    await second.start({ ...noop, drain: async (c) => void drains.push(c) }, { consume: true });
    await producer.signalConversation('conv-crash'); // stored as "next" while the child's drain is active
    await producer.signalConversation('other');
    await waitFor(() => drains.includes('other'), 'other conversation drained in parallel');
    await sleep(2000); // > lockDuration + stalledInterval: the child keeps renewing its lock
    expect(drains.filter((c) => c === 'conv-crash')).toHaveLength(0);

    child.kill('SIGKILL');
    await waitFor(() => drains.includes('conv-crash'), 'conversation taken over after the crash', 20_000);
    // The taken-over job and then the signal stored while it was active: at most two drains.
    await sleep(500);
    expect(drains.filter((c) => c === 'conv-crash').length).toBeGreaterThanOrEqual(1);
    expect(drains.filter((c) => c === 'conv-crash').length).toBeLessThanOrEqual(2);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function startRedis(port: number): Promise<ChildProcess> {
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  return waitFor(async () => {
    const r = new IORedis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    r.on('error', () => {});
    try {
      await r.connect();
      return (await r.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      r.disconnect();
    }
  }, `private redis-server on ${port}`).then(() => proc);
}

function stopped(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

/** Resolves with how the promise settled, or 'pending' if it has not within `ms`. */
async function settleWithin(p: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([p.then(() => 'resolved', (err: unknown) => err), sleep(ms).then(() => 'pending')]);
}

describe('BullMQ queue: Redis down', () => {
  let redis: ChildProcess | null = null;
  let bus: BullmqQueueBus | null = null;
  let events: RedisEventBus | null = null;
  let available = false;

  beforeAll(async () => {
    available = await new Promise<boolean>((resolve) => {
      const p = spawn('redis-server', ['--version'], { stdio: 'ignore' });
      p.on('error', () => resolve(false));
      p.on('exit', (code) => resolve(code === 0));
    });
    if (!available && process.env.REQUIRE_REDIS === '1') throw new Error('redis-server binary is required');
  });
  afterAll(async () => {
    await bus?.close();
    await events?.close();
    if (redis) await stopped(redis);
  });

  it('rejects signalConversation, ping and publish quickly with TransientError, then recovers', async () => {
    if (!available) return;
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    redis = await startRedis(port);
    bus = new BullmqQueueBus({ redisUrl: url, prefix: 'tdown', concurrency: 2, onError: () => {} });
    await bus.start(noop, { consume: true });
    events = new RedisEventBus({ redisUrl: url, prefix: 'tdown', onError: () => {} });
    await bus.signalConversation('c1');
    await bus.ping();
    await events.publish('t', { a: 1 });

    await stopped(redis);
    redis = null;
    await sleep(100); // let the client see the closed socket

    for (const attempt of [() => bus!.signalConversation('c2'), () => bus!.ping(), () => events!.publish('t', { a: 2 })]) {
      const outcome = await settleWithin(attempt(), 1500);
      expect(outcome).toBeInstanceOf(TransientError);
    }

    redis = await startRedis(port);
    await waitFor(async () => bus!.ping().then(() => true, () => false), 'queue reconnected', 20_000);
    await bus.signalConversation('c3');
  });

  it('start() fails with TransientError when Redis does not answer', async () => {
    if (!available) return;
    const port = await freePort();
    const dead = new BullmqQueueBus({ redisUrl: `redis://127.0.0.1:${port}`, prefix: 'tdead', concurrency: 1, connectTimeoutMs: 500, onError: () => {} });
    await expect(dead.start(noop, { consume: false })).rejects.toBeInstanceOf(TransientError);
    await dead.close();
  });
});

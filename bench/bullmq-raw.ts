/**
 * Raw BullMQ throughput of no-op jobs on this machine, two ways (keys live under `prefix` and
 * are deleted afterwards):
 * - processing only (`measureRawBullmq`): N jobs pre-added with addBulk (not timed), then one
 *   worker at the given concurrency processes them: the ceiling of the consuming side alone.
 * - add + process (`measureRawBullmqAddProcess`): N jobs, each added with its own Queue.add call
 *   (as the pipeline adds one job per message) by `producers` concurrent producers, while one
 *   worker at the given concurrency processes them, all in one process; timed from the first
 *   add to the last completion: the ceiling of the queue layer for one job per message.
 * Our pipeline adds a store and the engine on top of either.
 */
import IORedis from 'ioredis';
import { Queue, Worker } from 'bullmq';

export interface RawBullmqOptions {
  redisUrl: string;
  prefix: string;
  jobs?: number;
  concurrency?: number;
}

export interface RawBullmqResult {
  jobs: number;
  concurrency: number;
  /** add + process: adds in flight at once (0 for processing only: added in bulk beforehand). */
  producers: number;
  ms: number;
  jobsPerSecond: number;
}

export async function measureRawBullmq(options: RawBullmqOptions): Promise<RawBullmqResult> {
  const jobs = options.jobs ?? 20_000;
  const concurrency = options.concurrency ?? 50;
  const name = 'bench-raw';
  const producer = new IORedis(options.redisUrl, { maxRetriesPerRequest: null });
  const workerConnection = new IORedis(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection: producer, prefix: options.prefix });
  let worker: Worker | null = null;
  try {
    for (let i = 0; i < jobs; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({
        name: 'noop',
        data: { n: i + k },
        opts: { removeOnComplete: true, removeOnFail: true },
      }));
      await queue.addBulk(batch);
    }
    let done = 0;
    let finish!: () => void;
    const allDone = new Promise<void>((r) => (finish = r));
    const started = Date.now();
    worker = new Worker(
      name,
      async () => {
        if (++done === jobs) finish();
      },
      { connection: workerConnection, prefix: options.prefix, concurrency },
    );
    await allDone;
    const ms = Date.now() - started;
    return { jobs, concurrency, producers: 0, ms, jobsPerSecond: Math.round((jobs / ms) * 1000) };
  } finally {
    await worker?.close();
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    await deleteKeys(producer, `${options.prefix}:${name}:`);
    producer.disconnect();
    workerConnection.disconnect();
  }
}

export interface RawBullmqAddProcessOptions extends RawBullmqOptions {
  /** Queue.add calls in flight at once. Default 50. */
  producers?: number;
}

export async function measureRawBullmqAddProcess(options: RawBullmqAddProcessOptions): Promise<RawBullmqResult> {
  const jobs = options.jobs ?? 20_000;
  const concurrency = options.concurrency ?? 50;
  const producers = options.producers ?? 50;
  const name = 'bench-raw-add';
  const producer = new IORedis(options.redisUrl, { maxRetriesPerRequest: null });
  const workerConnection = new IORedis(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection: producer, prefix: options.prefix });
  let worker: Worker | null = null;
  try {
    await queue.waitUntilReady();
    let done = 0;
    let finish!: () => void;
    const allDone = new Promise<void>((r) => (finish = r));
    worker = new Worker(
      name,
      async () => {
        if (++done === jobs) finish();
      },
      { connection: workerConnection, prefix: options.prefix, concurrency },
    );
    await worker.waitUntilReady();
    let next = 0;
    const started = Date.now();
    const produce = async () => {
      while (next < jobs) {
        const n = next++;
        await queue.add('noop', { n }, { removeOnComplete: true, removeOnFail: true });
      }
    };
    await Promise.all(Array.from({ length: Math.min(producers, jobs) }, produce));
    await allDone;
    const ms = Date.now() - started;
    return { jobs, concurrency, producers, ms, jobsPerSecond: Math.round((jobs / ms) * 1000) };
  } finally {
    await worker?.close();
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    await deleteKeys(producer, `${options.prefix}:${name}:`);
    producer.disconnect();
    workerConnection.disconnect();
  }
}

async function deleteKeys(redis: IORedis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${pattern}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

if (require.main === module) {
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  (async () => {
    const processingOnly = await measureRawBullmq({ redisUrl, prefix: `bench${process.pid}` });
    const addAndProcess = await measureRawBullmqAddProcess({ redisUrl, prefix: `bench${process.pid}` });
    return { processingOnly, addAndProcess };
  })()
    .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`))
    .catch((err) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    });
}

/**
 * Raw BullMQ throughput on this machine: N no-op jobs added in bulk, then processed by one
 * worker at the given concurrency. A ceiling for the queue layer (our drain pipeline adds a
 * store and the engine on top). Keys live under `prefix` and are deleted afterwards.
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
    return { jobs, concurrency, ms, jobsPerSecond: Math.round((jobs / ms) * 1000) };
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
  measureRawBullmq({ redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379', prefix: `bench${process.pid}` })
    .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`))
    .catch((err) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    });
}

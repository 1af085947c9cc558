/**
 * Child process for test/integration/queue-bullmq-crash.test.ts: a BullMQ worker whose drain
 * announces itself on stdout and then never finishes, so the test can SIGKILL it mid-drain.
 * Env: REDIS_URL, QUEUE_PREFIX, LOCK_MS, STALLED_MS.
 */
import { BullmqQueueBus } from '../../src/queue/bullmq/bullmq-queue';

async function main(): Promise<void> {
  const bus = new BullmqQueueBus({
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    prefix: process.env.QUEUE_PREFIX ?? 'tcrash',
    concurrency: 1, // busy with the hanging drain, so it takes nothing else
    lockDurationMs: Number(process.env.LOCK_MS ?? 1000),
    stalledIntervalMs: Number(process.env.STALLED_MS ?? 500),
    onError: () => {},
  });
  await bus.start(
    {
      drain: async (conversationId) => {
        process.stdout.write(`drain-started ${conversationId}\n`);
        await new Promise(() => {}); // a drain that hangs until the process is killed
      },
      deliver: async () => {},
      timer: async () => {},
    },
    { consume: true },
  );
  process.stdout.write('ready\n');
}

main().catch((err) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});

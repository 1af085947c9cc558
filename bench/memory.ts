/**
 * Resident memory with many open conversations: a fresh service (SQLite + BullMQ on Redis),
 * then N new web chat conversations with one message each through `ingress.accept`, processed
 * by the real pipeline (NLU, dialogue, store, queue) until nothing is pending. RSS and heap
 * are read before and after, each after a full GC.
 *
 * `global.gc` exists when node runs with --expose-gc; otherwise `gcFunction` obtains it through
 * v8.setFlagsFromString (the same collector, enabled at run time).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { performance } from 'node:perf_hooks';
import type { TextSource } from './e2e-pipeline';
import { startBenchService, waitUntilDrained } from './e2e-pipeline';

export interface MemorySnapshot {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
}

export interface MemoryResult {
  conversations: number;
  gc: 'global.gc (--expose-gc)' | 'v8.setFlagsFromString(--expose-gc)' | 'none';
  before: MemorySnapshot;
  after: MemorySnapshot;
  /** Time to accept and fully process the N first messages. */
  ms: number;
  perSecond: number;
  drained: boolean;
  storedConversations: number;
}

export function gcFunction(): { gc: (() => void) | null; how: MemoryResult['gc'] } {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return { gc: g, how: 'global.gc (--expose-gc)' };
  try {
    setFlagsFromString('--expose-gc');
    const fn = runInNewContext('gc') as (() => void) | undefined;
    if (typeof fn === 'function') return { gc: fn, how: 'v8.setFlagsFromString(--expose-gc)' };
  } catch {
    // fall through
  }
  return { gc: null, how: 'none' };
}

export function snapshot(gc: (() => void) | null): MemorySnapshot {
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external) };
}

export async function measureMemory(redisUrl: string | undefined, options: { conversations?: number; inFlight?: number; texts: TextSource }): Promise<MemoryResult> {
  const n = options.conversations ?? 10_000;
  const inFlight = options.inFlight ?? 200;
  const { gc, how } = gcFunction();
  const bench = await startBenchService(redisUrl, 'mem');
  try {
    const { service } = bench;
    // Warm the pipeline a little so "before" includes compiled code and connection buffers.
    await service.ingress.accept({ channel: 'webchat', threadId: 'memwarmup0001', senderId: 'memwarmup0001', externalId: 'w0', text: 'halo', receivedAt: Date.now() });
    await waitUntilDrained(service, 10_000);
    const before = snapshot(gc);
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < n) {
          const i = next++;
          const id = `memconv${i.toString().padStart(6, '0')}`;
          await service.ingress.accept({ channel: 'webchat', threadId: id, senderId: id, externalId: `mem${i}`, text: options.texts.next(), receivedAt: Date.now() });
        }
      }),
    );
    const drained = await waitUntilDrained(service, 120_000);
    const ms = performance.now() - started;
    const after = snapshot(gc);
    const storedConversations = (await service.store.listConversations({ limit: n + 10 })).length;
    return { conversations: n, gc: how, before, after, ms, perSecond: Math.round((n / ms) * 1000), drained, storedConversations };
  } finally {
    await bench.cleanup();
  }
}

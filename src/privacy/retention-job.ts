/**
 * The scheduled retention job: one queue timer (key 'privacy-retention') that runs the retention
 * of every holder and schedules its next run (flows/retensi.yaml jadwal.setiap_jam). With BullMQ
 * only one worker process takes a timer, so the job runs in one process at a time; every step
 * is idempotent, so a run repeated after a crash only finishes the work.
 */
import type { QueueBus } from '../queue/port';
import type { Logger } from '../runtime/logger';
import type { HolderReport, PrivacyService } from './privacy-service';

export const RETENTION_TIMER_KEY = 'privacy-retention';
export const RETENTION_TIMER_KIND = 'privacy-retention' as const;

export interface RetentionJobDeps {
  queue: QueueBus;
  service: PrivacyService;
  intervalMs: number;
  now: () => number;
  logger: Logger;
  /** Delay of the first run after a (re)start; default 5 minutes. */
  firstRunDelayMs?: number;
}

export interface RetentionJob {
  /** Schedules the next run (replacing any earlier timer). Call in processes that consume the queue. */
  start(): Promise<void>;
  /** The timer fired: runs the retention once, then schedules the next run. */
  onTimer(): Promise<HolderReport[] | null>;
}

export function createRetentionJob(deps: RetentionJobDeps): RetentionJob {
  let running: Promise<HolderReport[]> | null = null;
  const schedule = (delayMs: number) => deps.queue.schedule({ key: RETENTION_TIMER_KEY, kind: RETENTION_TIMER_KIND, payload: {} }, deps.now() + delayMs);
  return {
    start: () => schedule(deps.firstRunDelayMs ?? 5 * 60_000),
    async onTimer() {
      if (running) return null;
      running = deps.service.applyRetention();
      try {
        const reports = await running;
        const changed = reports.filter((r) => r.count > 0);
        deps.logger.info('privacy: retention run', { changed: changed.map((r) => `${r.holder}:${r.count}`).join(',') || 'none' });
        return reports;
      } catch (err) {
        deps.logger.error('privacy: retention run failed', { err });
        throw err;
      } finally {
        running = null;
        await schedule(deps.intervalMs).catch((err) => deps.logger.warn('privacy: next retention run not scheduled', { err }));
      }
    },
  };
}

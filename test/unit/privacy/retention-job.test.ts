import { createTimerHandler } from '../../../src/app/timer-handler';
import type { QueueBus, TimerJob } from '../../../src/queue/port';
import { createRetentionJob, RETENTION_TIMER_KEY } from '../../../src/privacy/retention-job';
import type { HolderReport, PrivacyService } from '../../../src/privacy/privacy-service';

const silent = { error() {}, warn() {}, info() {}, debug() {}, child: () => silent };

function fakeQueue() {
  const scheduled: { job: TimerJob; runAt: number }[] = [];
  const queue = { schedule: async (job: TimerJob, runAt: number) => void scheduled.push({ job, runAt }) } as unknown as QueueBus;
  return { queue, scheduled };
}

describe('the retention job', () => {
  const HOUR = 3_600_000;
  let now = 1_000_000;
  const reports: HolderReport[] = [{ holder: 'percakapan', label: 'percakapan', count: 2, summary: '2 percakapan dianonimkan' }];

  it('is scheduled on start, runs the retention when its timer fires, and schedules the next run', async () => {
    const { queue, scheduled } = fakeQueue();
    let runs = 0;
    const service = { applyRetention: async () => (runs++, reports) } as unknown as PrivacyService;
    const job = createRetentionJob({ queue, service, intervalMs: 24 * HOUR, now: () => now, logger: silent, firstRunDelayMs: 60_000 });
    await job.start();
    expect(scheduled).toEqual([{ job: { key: RETENTION_TIMER_KEY, kind: 'privacy-retention', payload: {} }, runAt: now + 60_000 }]);

    // The queue hands the timer to the service's timer handler.
    const timer = createTimerHandler({ store: {} as never, logger: silent, onRetention: () => job.onTimer() });
    now += 60_000;
    await timer(scheduled[0]!.job);
    expect(runs).toBe(1);
    expect(scheduled[1]).toEqual({ job: scheduled[0]!.job, runAt: now + 24 * HOUR });
  });

  it('schedules the next run even when a run fails, and never runs twice at once', async () => {
    const { queue, scheduled } = fakeQueue();
    let release: () => void = () => undefined;
    let calls = 0;
    const service = {
      applyRetention: () => {
        calls++;
        return calls === 1 ? new Promise<HolderReport[]>((resolve) => (release = () => resolve(reports))) : Promise.reject(new Error('disk penuh'));
      },
    } as unknown as PrivacyService;
    const job = createRetentionJob({ queue, service, intervalMs: HOUR, now: () => now, logger: silent });
    const first = job.onTimer();
    expect(await job.onTimer()).toBeNull(); // the overlapping firing is skipped
    release();
    expect(await first).toBe(reports);
    await expect(job.onTimer()).rejects.toThrow('disk penuh');
    expect(calls).toBe(2);
    expect(scheduled.map((s) => s.runAt)).toEqual([now + HOUR, now + HOUR]);
  });
});

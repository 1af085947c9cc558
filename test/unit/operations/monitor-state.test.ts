import { applyCheck, initialState } from '../../../src/operations/monitor-state';
import type { CheckResult, MonitorDef, MonitorState } from '../../../src/operations/types';

const def: MonitorDef = { service: 'kepegawaian', url: 'https://simpeg.example/', intervalS: 60, timeoutS: 10, failuresToOpen: 3, successesToClose: 2, expectedText: null };
const DAY = 86_400_000;

function run(results: boolean[], start: MonitorState = initialState('kepegawaian', 0)) {
  let state = start;
  const events: string[] = [];
  results.forEach((ok, i) => {
    const check: CheckResult = { service: 'kepegawaian', at: (i + 1) * 60_000, ok, statusCode: ok ? 200 : null, durationMs: 5, error: ok ? null : 'koneksi ditolak', certExpiresAt: null, probedBy: 'h:1' };
    const t = applyCheck(def, state, check, 14);
    state = t.state;
    if (t.event) events.push(`${t.event.kind}@${i + 1}`);
  });
  return { state, events };
}

describe('monitor state machine', () => {
  it('starts unknown and becomes up on the first success', () => {
    expect(initialState('kepegawaian', 5).status).toBe('unknown');
    const { state, events } = run([true]);
    expect(state).toMatchObject({ status: 'up', since: 60_000, successes: 1, failures: 0 });
    expect(events).toEqual([]);
  });

  it('goes down only after failures_to_open failures in a row, once', () => {
    const { state, events } = run([true, false, false, true, false, false, false, false]);
    expect(events).toEqual(['down@7']);
    expect(state).toMatchObject({ status: 'down', since: 7 * 60_000, failures: 4, lastError: 'koneksi ditolak' });
  });

  it('comes back up only after successes_to_close successes in a row (no flapping)', () => {
    const { state, events } = run([false, false, false, true, false, true, true, true]);
    expect(events).toEqual(['down@3', 'up@7']);
    expect(state).toMatchObject({ status: 'up', since: 7 * 60_000 });
  });

  it('an unknown service that never answers goes down after N failures', () => {
    expect(run([false, false, false]).events).toEqual(['down@3']);
  });

  it('warns once per certificate when it expires within the warning window, again for a renewed one that gets close', () => {
    let state = initialState('kepegawaian', 0);
    const at = 1_000 * DAY;
    const c = (certExpiresAt: number, i: number): CheckResult => ({ service: 'kepegawaian', at: at + i, ok: true, statusCode: 200, durationMs: 3, error: null, certExpiresAt, probedBy: 'h:1' });
    const far = applyCheck(def, state, c(at + 60 * DAY, 1), 14);
    expect(far.event).toBeNull();
    state = far.state;
    const near = applyCheck(def, state, c(at + 10 * DAY + 1000, 2), 14);
    expect(near.event).toMatchObject({ kind: 'tls-warning' });
    expect(near.event!.detail).toMatch(/10 hari lagi/);
    state = near.state;
    expect(applyCheck(def, state, c(at + 10 * DAY + 1000, 3), 14).event).toBeNull();
    expect(applyCheck(def, state, c(at + 12 * DAY, 4), 14).event).toMatchObject({ kind: 'tls-warning' });
  });
});

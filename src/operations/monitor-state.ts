/**
 * The monitor's state machine, as Uptime Kuma runs it: N consecutive failures before "down", M
 * consecutive successes before "up" again (no flapping). A service never checked is "unknown";
 * its first success makes it "up". Pure: the runner stores what this returns.
 */
import type { CheckResult, MonitorDef, MonitorEvent, MonitorState } from './types';
import { formatShortDateTime } from './days';

const DAY_MS = 24 * 60 * 60 * 1000;

export function initialState(service: string, at: number): MonitorState {
  return {
    service,
    status: 'unknown',
    since: at,
    failures: 0,
    successes: 0,
    lastCheckAt: null,
    lastError: null,
    lastDurationMs: null,
    certExpiresAt: null,
    certWarnedFor: null,
  };
}

export interface Transition {
  state: MonitorState;
  /** The state change this check caused ('down', 'up') or a certificate warning, else null. */
  event: MonitorEvent | null;
}

export function applyCheck(def: MonitorDef, before: MonitorState, check: CheckResult, tlsWarningDays: number): Transition {
  const failures = check.ok ? 0 : before.failures + 1;
  const successes = check.ok ? before.successes + 1 : 0;
  let state: MonitorState = {
    ...before,
    failures,
    successes,
    lastCheckAt: check.at,
    lastError: check.error,
    lastDurationMs: check.durationMs,
    certExpiresAt: check.certExpiresAt ?? before.certExpiresAt,
  };
  let event: MonitorEvent | null = null;
  if (!check.ok && before.status !== 'down' && failures >= def.failuresToOpen) {
    state = { ...state, status: 'down', since: check.at };
    event = { service: def.service, at: check.at, kind: 'down', detail: `Tidak dapat diakses ${failures} kali berturut-turut: ${check.error ?? 'gagal'}` };
  } else if (check.ok && before.status === 'down' && successes >= def.successesToClose) {
    state = { ...state, status: 'up', since: check.at };
    event = { service: def.service, at: check.at, kind: 'up', detail: `Dapat diakses kembali (${successes} kali berturut-turut berhasil).` };
  } else if (check.ok && before.status === 'unknown') {
    state = { ...state, status: 'up', since: check.at };
  }
  if (!event && check.certExpiresAt !== null && state.certWarnedFor !== check.certExpiresAt && check.certExpiresAt - check.at <= tlsWarningDays * DAY_MS) {
    const days = Math.max(0, Math.floor((check.certExpiresAt - check.at) / DAY_MS));
    state = { ...state, certWarnedFor: check.certExpiresAt };
    event = {
      service: def.service,
      at: check.at,
      kind: 'tls-warning',
      detail: `Sertifikat TLS ${def.url} berakhir ${formatShortDateTime(check.certExpiresAt)} (${days} hari lagi). Perbarui sebelum kedaluwarsa.`,
    };
  }
  return { state, event };
}

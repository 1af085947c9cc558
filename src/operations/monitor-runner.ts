/**
 * Runs the monitors of flows/pemantauan.yaml: each on its own interval, one check in flight per
 * monitor, every result stored with the state it leads to (src/operations/monitor-state.ts) and
 * state changes handed to `onEvent` (incidents open and close there). Only the process holding
 * the prober lease runs this (src/app/operations-module.ts); it resumes from the stored states.
 */
import type { Logger } from '../runtime/logger';
import type { Probe } from './http-probe';
import { applyCheck, initialState } from './monitor-state';
import type { MonitorStore } from './port';
import type { CheckResult, MonitorDef, MonitorEvent, MonitorsConfig, MonitorState } from './types';

export interface MonitorRunnerDeps {
  config: MonitorsConfig;
  store: MonitorStore;
  probe: Probe;
  now: () => number;
  logger: Logger;
  /** Who probes (host:pid), kept with every check. */
  probedBy: string;
  onEvent: (event: MonitorEvent, def: MonitorDef, state: MonitorState) => Promise<void>;
  /** Delay before a monitor's first check, at most this (spreads the start). Default 3 s. */
  maxStartDelayMs?: number;
}

export interface MonitorRunner {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs one check of the service's monitor now (officer "periksa sekarang", tests). */
  checkNow(service: string): Promise<MonitorState | null>;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export function createMonitorRunner(deps: MonitorRunnerDeps): MonitorRunner {
  const { config, store, logger } = deps;
  const states = new Map<string, MonitorState>();
  const timers = new Map<string, NodeJS.Timeout>();
  const inFlight = new Map<string, Promise<MonitorState | null>>();
  let running = false;
  let pruneTimer: NodeJS.Timeout | null = null;

  async function check(def: MonitorDef): Promise<MonitorState | null> {
    const outcome = await deps.probe(def);
    const check: CheckResult = { service: def.service, at: deps.now(), ...outcome, probedBy: deps.probedBy };
    const before = states.get(def.service) ?? initialState(def.service, check.at);
    const { state, event } = applyCheck(def, before, check, config.tlsWarningDays);
    await store.recordCheck(check, state, event);
    states.set(def.service, state);
    if (event) {
      logger.info('monitor state change', { service: def.service, kind: event.kind, detail: event.detail });
      await deps.onEvent(event, def, state).catch((err) => logger.error('monitor event handling failed', { service: def.service, kind: event.kind, err }));
    }
    return state;
  }

  function runOnce(def: MonitorDef): Promise<MonitorState | null> {
    const current = inFlight.get(def.service);
    if (current) return current;
    const p = check(def)
      .catch((err) => {
        logger.warn('monitor check failed to record', { service: def.service, err });
        return null;
      })
      .finally(() => inFlight.delete(def.service));
    inFlight.set(def.service, p);
    return p;
  }

  function schedule(def: MonitorDef, delayMs: number): void {
    if (!running) return;
    const t = setTimeout(() => {
      void runOnce(def).finally(() => schedule(def, def.intervalS * 1000));
    }, delayMs);
    t.unref();
    timers.set(def.service, t);
  }

  async function prune(): Promise<void> {
    try {
      const removed = await store.pruneChecks(deps.now() - config.checkRetentionDays * DAY_MS);
      if (removed) logger.info('old monitor checks removed', { removed });
    } catch (err) {
      logger.warn('pruning monitor checks failed', { err });
    }
  }

  return {
    async start() {
      if (running) return;
      running = true;
      const known = new Set(config.monitors.map((m) => m.service));
      for (const s of await store.monitorStates()) if (known.has(s.service)) states.set(s.service, s);
      const spread = deps.maxStartDelayMs ?? 3000;
      for (const def of config.monitors) schedule(def, Math.floor(Math.random() * Math.min(spread, def.intervalS * 1000)));
      void prune();
      pruneTimer = setInterval(() => void prune(), HOUR_MS);
      pruneTimer.unref();
    },
    async stop() {
      running = false;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      if (pruneTimer) clearInterval(pruneTimer);
      pruneTimer = null;
      await Promise.all([...inFlight.values()]);
    },
    async checkNow(service) {
      const def = config.monitors.find((m) => m.service === service);
      return def ? runOnce(def) : null;
    },
  };
}

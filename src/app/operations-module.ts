/**
 * Service operations as one module the composition root wires in: monitors of
 * flows/pemantauan.yaml, incidents, recovery notices, the public status page and the officer API.
 *
 * Exactly one process runs the prober and the repair sweep, however many run: the holder of a
 * Redis lease (`<REDIS_PREFIX>:lease:operations`), or the only process without Redis. Every
 * process links the reports it opens to open incidents (the dialogue's ports) and serves the
 * status page from its own cache, refreshed when any process announces a change.
 */
import type { Router } from 'express';
import type { Config } from '../config/env';
import { createAuthenticate } from '../console/authenticate';
import type { DialoguePorts } from '../dialogue/port';
import type { TurnProcessor } from '../engine/turn-processor';
import { incidentRoutes } from '../http/routes/incidents';
import { statusRoutes } from '../http/routes/status';
import type { Knowledge } from '../knowledge/types';
import type { OfficerAuth } from '../officers/auth';
import { OPERATIONS_TOPIC, type OperationsDeps } from '../operations/deps';
import { createHttpProbe, type Probe } from '../operations/http-probe';
import { createIncidentActions, type IncidentActions } from '../operations/incident-actions';
import { createIncidentDesk, type IncidentDesk } from '../operations/incident-desk';
import { createMonitorRunner, type MonitorRunner } from '../operations/monitor-runner';
import { loadMonitorsFile, monitorsFilePath } from '../operations/monitors-file';
import type { OperationsStore } from '../operations/port';
import { createStatusBoard, type StatusBoard } from '../operations/status-board';
import type { MonitorsConfig } from '../operations/types';
import type { EventBus } from '../queue/port';
import type { Logger } from '../runtime/logger';
import { cachedFor } from '../metrics/cache';
import type { Metrics } from '../metrics/port';
import { createSingletonLease, type SingletonLease } from '../runtime/singleton-lease';
import { MongoStore } from '../store/mongo/mongo-store';
import { MongoOperationsStore } from '../store/mongo/operations-store';
import type { Store, Ticket } from '../store/port';
import { SqliteOperationsStore } from '../store/sqlite/operations-store';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import type { BusinessCalendar } from '../tickets';

export interface OperationsModuleDeps {
  config: Pick<Config, 'MONITORS_FILE' | 'FLOWS_DIR' | 'MONITORING' | 'REDIS_URL' | 'REDIS_PREFIX' | 'WEBCHAT_ALLOWED_ORIGINS' | 'STATUS_FRAME_ORIGINS'>;
  store: Store;
  knowledge: Knowledge;
  calendar: BusinessCalendar;
  turns: Pick<TurnProcessor, 'say'>;
  events: EventBus;
  now: () => number;
  logger: Logger;
  notifyAgencyGroup?: (agency: string, text: string) => Promise<void>;
  /** Gauges helpdesk_incidents_open and helpdesk_service_up are registered here when given. */
  metrics?: Metrics;
  /** Monitors given directly (tests); otherwise loaded from MONITORS_FILE / flows/pemantauan.yaml. */
  monitors?: MonitorsConfig;
  /** The check itself (tests may pass one); default an HTTP(S) probe. */
  probe?: Probe;
  /** Repair sweep period; 0 disables the interval. Default 30 s. */
  sweepIntervalMs?: number;
  /** Lease time-to-live; the prober moves to another process within about this after a crash. Default 15 s. */
  leaseTtlMs?: number;
}

export interface OperationsModule {
  config: MonitorsConfig;
  ops: OperationsStore;
  desk: IncidentDesk;
  actions: IncidentActions;
  board: StatusBoard;
  /** Routers of the HTTP API (status page, incidents); `auth` authenticates officers. */
  routers(auth: Pick<OfficerAuth, 'authenticate'>): Router[];
  /** The dialogue's ports with incident knowledge: reports are linked, the bot knows open incidents. */
  ports(base: DialoguePorts): DialoguePorts;
  /**
   * Whether a new ticket is one more report of an open incident (a `gangguan` of a service with
   * one): its agency hears of the incident once, not of every such ticket.
   */
  coveredByIncident(ticket: Ticket): Promise<boolean>;
  /** The running prober (only in the lease holder while MONITORING is on). */
  runner(): MonitorRunner | null;
  /** Whether this process holds the operations lease. */
  leader(): boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function operationsStoreFor(store: Store): OperationsStore {
  if (store instanceof SqliteStore) return new SqliteOperationsStore(() => store.database());
  if (store instanceof MongoStore) return new MongoOperationsStore(() => store.mongoConnection);
  throw new Error('Penyimpanan tidak dikenal untuk pemantauan dan insiden.');
}

export function createOperationsModule(deps: OperationsModuleDeps): OperationsModule {
  const { logger } = deps;
  const config = deps.monitors ?? loadMonitorsFile(monitorsFilePath(deps.config), deps.knowledge);
  const ops = operationsStoreFor(deps.store);
  const opsDeps: OperationsDeps = {
    ops,
    store: deps.store,
    knowledge: deps.knowledge,
    calendar: deps.calendar,
    config,
    turns: deps.turns,
    events: deps.events,
    now: deps.now,
    logger,
    ...(deps.notifyAgencyGroup ? { notifyAgencyGroup: deps.notifyAgencyGroup } : {}),
  };
  const desk = createIncidentDesk(opsDeps);
  let runner: MonitorRunner | null = null;
  const actions = createIncidentActions(opsDeps, desk, () => runner);
  const board = createStatusBoard({ ops, knowledge: deps.knowledge, config, now: deps.now, logger });
  if (deps.metrics) registerOperationsGauges(deps.metrics, ops, config);

  let sweepTimer: NodeJS.Timeout | null = null;
  let sweeping: Promise<void> | null = null;
  const sweep = () =>
    (sweeping ??= desk
      .sweep()
      .catch((err) => logger.warn('operations sweep failed', { err }))
      .finally(() => {
        sweeping = null;
      }));

  const lease: SingletonLease = createSingletonLease({
    redisUrl: deps.config.REDIS_URL ?? null,
    key: `${deps.config.REDIS_PREFIX}:lease:operations`,
    ttlMs: deps.leaseTtlMs,
    logger,
    async onAcquire() {
      if (deps.config.MONITORING && config.monitors.length) {
        runner = createMonitorRunner({
          config,
          store: ops,
          probe: deps.probe ?? createHttpProbe(),
          now: deps.now,
          logger: logger.child({ part: 'pemantauan' }),
          probedBy: lease.holder.split(':').slice(0, 2).join(':'),
          onEvent: (event, def) => desk.onMonitorEvent(event, def),
        });
        await runner.start();
      }
      void sweep();
      const period = deps.sweepIntervalMs ?? 30_000;
      if (period > 0) {
        sweepTimer = setInterval(() => void sweep(), period);
        sweepTimer.unref();
      }
    },
    async onLose() {
      if (sweepTimer) clearInterval(sweepTimer);
      sweepTimer = null;
      const r = runner;
      runner = null;
      await r?.stop();
      await sweeping;
    },
  });

  let unsubscribe: (() => void) | null = null;

  return {
    config,
    ops,
    desk,
    actions,
    board,
    routers(auth) {
      return [
        statusRoutes({ board, frameOrigins: deps.config.STATUS_FRAME_ORIGINS ?? deps.config.WEBCHAT_ALLOWED_ORIGINS }),
        incidentRoutes({ actions, authenticate: createAuthenticate(auth), now: deps.now }),
      ];
    },
    ports(base) {
      return {
        ...base,
        async createTicket(draft) {
          const ticket = await base.createTicket(draft);
          // Linking is part of the turn; a failure here is repaired by the lease holder's sweep.
          await desk.onTicketCreated(ticket).catch((err) => logger.warn('could not link the report to an incident', { ticket: ticket.number, err }));
          return ticket;
        },
        knownIncident: (service) => desk.known(service),
      };
    },
    async coveredByIncident(ticket) {
      if (ticket.category !== 'gangguan' || !ticket.service) return false;
      return (await ops.openIncidentOf(ticket.service).catch(() => null)) !== null;
    },
    runner: () => runner,
    leader: () => lease.held,
    async start() {
      await ops.open();
      unsubscribe = deps.events.subscribe(OPERATIONS_TOPIC, () => board.invalidate());
      await lease.start();
    },
    async stop() {
      unsubscribe?.();
      await lease.stop();
      await desk.idle();
    },
  };
}

export const OPERATIONS_GAUGE_CACHE_MS = 15_000;

/** Scrape-time gauges: open incidents per service, and each monitored service's state. */
export function registerOperationsGauges(metrics: Metrics, ops: OperationsStore, config: MonitorsConfig): void {
  const open = cachedFor(OPERATIONS_GAUGE_CACHE_MS, () => ops.listIncidents({ state: 'open', limit: 1000 }));
  metrics.registerGauge({
    name: 'helpdesk_incidents_open',
    help: 'Open incidents (gangguan layanan), by service',
    labelNames: ['service'],
    collect: async () => {
      const counts = new Map<string, number>();
      for (const i of await open()) counts.set(i.service, (counts.get(i.service) ?? 0) + 1);
      return [{ labels: { service: 'semua' }, value: [...counts.values()].reduce((a, b) => a + b, 0) }, ...[...counts].map(([service, value]) => ({ labels: { service }, value }))];
    },
  });
  const states = cachedFor(OPERATIONS_GAUGE_CACHE_MS, () => ops.monitorStates());
  const monitored = new Set(config.monitors.map((m) => m.service));
  metrics.registerGauge({
    name: 'helpdesk_service_up',
    help: 'Monitored service state from its last checks: 1 up, 0 down (unknown services are left out)',
    labelNames: ['service'],
    collect: async () =>
      (await states())
        .filter((s) => monitored.has(s.service) && s.status !== 'unknown')
        .map((s) => ({ labels: { service: s.service }, value: s.status === 'up' ? 1 : 0 })),
  });
}

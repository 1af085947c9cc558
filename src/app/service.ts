/**
 * The composition root: builds every part from config, and owns start and stop order.
 * Start: data files (fail fast on a bad file) -> store -> queue + events -> engine -> workers
 * -> channels (the owner of each channel connection, src/app/channel-owners.ts) -> HTTP.
 * Stop (SIGTERM): HTTP -> channels (owned ones handed over) -> workers (finish what is in hand)
 * -> events -> store.
 * Every process listens on PORT: `all` and `api` serve the whole API; a `worker` serves only
 * /healthz, /readyz and /metrics. Metrics: the prom-client adapter (src/metrics/prometheus.ts)
 * is made here and handed to the engine as the Metrics port.
 */
import type { Server } from 'node:http';
import { Router, type Express } from 'express';
import type { ChannelAdapter } from '../../channels/types';
import { webchatRoutes } from '../../channels/webchat/routes';
import { webchatStaticRoutes } from '../../channels/webchat/static';
import { ConfigError, type Config, loadConfig } from '../config/env';
import { CHANNELS, type Channel } from '../domain/ids';
import { createDeliverer, createStaleDeliverySweep } from '../engine/delivery';
import { createIngress, type EngineIngress } from '../engine/ingress';
import { createTicketDesk, type TicketDesk } from '../engine/ticket-desk';
import { createTurnProcessor, type TurnProcessor } from '../engine/turn-processor';
import { createFlowExpiry } from '../engine/flow-expiry';
import { createReporterAnswers } from '../engine/reporter-answers';
import { usesChats } from '../officers/scope';
import { createWebchatBackend } from '../engine/webchat-backend';
import { createHttpApp } from '../http/app';
import { analyzeRoutes } from '../http/routes/analyze';
import { healthRoutes } from '../http/routes/health';
import type { Knowledge } from '../knowledge/types';
import { createQueue } from '../queue/create-queue';
import type { EventBus, QueueBus } from '../queue/port';
import { createEventBus } from '../realtime/create-event-bus';
import { createLogger, type Logger } from '../runtime/logger';
import { createStore } from '../store/create-store';
import type { Store } from '../store/port';
import { type Analyzer, createAnalyzer } from '../analyze';
import type { PublishedRefresher } from '../knowledge/freshness';
import { createTimerHandler } from './timer-handler';
import { buildConversationModel } from './conversation-model';
import { createOfficerModule } from './officer-module';
import { createEvaluationModule, type EvaluationModule } from './evaluation-module';
import { createIncidentFigures } from '../reports/incident-figures';
import { ticketCreatedNotice, waitingChatNotice } from './group-notices';
import { createChannelAdapters } from './channels';
import { createChannelOwners, type ChannelOwners } from './channel-owners';
import { createSharedLimits } from './shared-limits';
import { memoryAnalyzeLimit, memoryWebchatLimits } from '../../channels/webchat/rate-limit';
import { createSharedPacing } from './shared-pacing';
import { createOperationsModule, type OperationsModule, type OperationsModuleDeps } from './operations-module';
import { FileAttachmentStore } from '../attachments/file-attachment-store';
import { securePrivateTree } from '../privacy/file-permissions';
import { createRetentionJob } from '../privacy/retention-job';
import { createPrivacyModule, type PrivacyModule } from './privacy-module';
import { TelegramAdapter } from '../../channels/telegram/adapter';
import { PrometheusMetrics } from '../metrics/prometheus';
import { metricsRoutes, type MetricsSource } from '../http/routes/metrics';
import type { Metrics } from '../metrics/port';
import { withDeliveryMetrics } from '../engine/delivery-metrics';
import { createTicketStats } from '../store/create-store';
import { registerQueueGauges, registerTicketGauges } from './metrics-sources';

/** The metrics port plus its text exposition (GET /metrics). */
export type ServiceMetrics = Metrics & MetricsSource;

export interface ServiceOptions {
  /** Environment to read the config from (default process.env); fields of Config override it. */
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  now?: () => number;
  /** Extra channel adapters (tests inject fakes); keyed by channel. */
  adapters?: Partial<Record<Channel, ChannelAdapter>>;
  /** Extra routers mounted before the 404 handler. */
  routers?: Router[];
  /** Metrics (default: a new Prometheus registry for this service, served at GET /metrics). */
  metrics?: ServiceMetrics;
  /** Monitoring and incidents: a probe, sweep period or lease TTL for tests. */
  operations?: Partial<Pick<OperationsModuleDeps, 'probe' | 'sweepIntervalMs' | 'leaseTtlMs'>>;
}

export interface RunningService {
  config: Config;
  /** Base URL of the HTTP API (empty for a worker-only process). */
  url: string;
  /**
   * Base URL of this process's HTTP server: the API, or for a worker-only process the small
   * server answering only /healthz, /readyz and /metrics on PORT.
   */
  httpUrl: string;
  metrics: ServiceMetrics;
  store: Store;
  queue: QueueBus;
  events: EventBus;
  knowledge: Knowledge;
  ingress: EngineIngress;
  turns: TurnProcessor;
  tickets: TicketDesk;
  adapters: Partial<Record<Channel, ChannelAdapter>>;
  operations: OperationsModule;
  /** Personal data: export, erase, retention (src/app/privacy-module.ts). */
  privacy: PrivacyModule;
  /** The HTTP app (null in a worker-only process); tests enumerate its routes. */
  app: Express | null;
  /** Reports, knowledge gaps and published FAQ entries. */
  evaluation: EvaluationModule;
  stop(): Promise<void>;
}

const RECOVERY_SWEEP_MS = 5_000;
const DELIVERY_SWEEP_MS = 60_000;

export async function startService(overrides: Partial<Config> & ServiceOptions = {}): Promise<RunningService> {
  const { env, logger: givenLogger, now: givenNow, adapters: givenAdapters, routers: extraRouters, metrics: givenMetrics, operations: operationsOptions, ...configOverrides } = overrides;
  const config: Config = { ...loadConfig(env ?? process.env), ...configOverrides };
  const logger = givenLogger ?? createLogger(config.LOG_LEVEL);
  const now = givenNow ?? Date.now;
  const metrics: ServiceMetrics = givenMetrics ?? new PrometheusMetrics({ onCollectError: (metric, err) => logger.warn('metric source failed', { metric, err }) });

  // Data files first: a bad edit stops the start before anything connects.
  const { knowledge, nlu, dialogue, sla, calendar, published } = buildConversationModel(config);

  const store = createStore(config);
  const attachments = new FileAttachmentStore(config.DATA_DIR);
  const privacy = createPrivacyModule({ config, store, attachments, now, logger });
  // Personal data: DATA_DIR readable by the service's user only, whatever an older version left.
  const fixedModes = securePrivateTree(config.DATA_DIR);
  if (fixedModes > 0) logger.warn('data files were readable by other users; made private', { dataDir: config.DATA_DIR, changed: fixedModes });
  await store.open();
  const queue = createQueue(config, {
    lockDurationMs: config.QUEUE_LOCK_MS,
    stalledIntervalMs: config.QUEUE_STALLED_MS,
    onError: (context, err) => logger.warn('queue error', { context, err }),
  });
  const events = createEventBus(config, { onError: (context, err) => logger.warn('event bus error', { context, err }) });
  registerQueueGauges(metrics, queue);
  registerTicketGauges(metrics, createTicketStats(store), now, [...knowledge.agencies.keys()]);

  const ingress = createIngress({ store, queue, events, metrics });
  // Rate limits and the login throttle: shared by every process through Redis when it is configured.
  const perIp = {
    messagesPerMinute: config.LIMIT_MESSAGES_PER_IP_PER_MINUTE,
    streamsPerMinute: config.LIMIT_STREAMS_PER_IP_PER_MINUTE,
    analyzePerMinute: config.LIMIT_ANALYZE_PER_IP_PER_MINUTE,
  };
  const limits = config.REDIS_URL ? createSharedLimits({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX, perIp }) : null;
  // Outbound pacing per chat and per channel: shared too, so a channel's next owner keeps the pace.
  const pacing = config.REDIS_URL ? createSharedPacing({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX, logger }) : null;
  // Agency Telegram groups hear about new tickets and waiting chats (bound once channels exist).
  let notifyAgencyGroup: (agency: string, text: string) => Promise<void> = async () => undefined;
  const notify = (agency: string | null, text: string) => {
    if (agency) void notifyAgencyGroup(agency, text).catch((err) => logger.warn('group notification failed', { agency, err }));
  };
  // The reporter's answers to officers' questions; the officer who asked takes the chat when able.
  const reporterAnswers = createReporterAnswers({
    store,
    queue,
    events,
    calendar,
    now,
    logger,
    officerFor: async (id) => {
      const officer = await store.getOfficer(id);
      return officer && officer.active && usesChats(officer) ? { id: officer.id, name: officer.name } : null;
    },
  });
  const tickets = createTicketDesk({
    store,
    queue,
    events,
    knowledge,
    sla,
    calendar,
    now,
    logger,
    // One more report of an open incident is not news to the agency's group: the incident was.
    onTicketCreated: (t) => void operations.coveredByIncident(t).then((covered) => covered || notify(t.agency, ticketCreatedNotice(knowledge, t))),
    reporterAnswers,
  });
  // Monitoring and incidents: reports are linked to open incidents through the dialogue's ports.
  const operations = createOperationsModule({
    config,
    store,
    knowledge,
    calendar,
    turns: { say: (conversation, entries) => turns.say(conversation, entries) },
    events,
    now,
    logger,
    metrics,
    notifyAgencyGroup: (agency, text) => notifyAgencyGroup(agency, text),
    ...operationsOptions,
  });
  const agencyOf = (service: string | null) => (service ? (knowledge.services.get(service)?.owners[0] ?? null) : null);
  // Reports, knowledge gaps and console-published FAQ entries (bound to the officer module's sessions below).
  const evaluation = createEvaluationModule({
    store,
    queue,
    knowledge,
    published,
    calendar,
    sla,
    flowsDir: config.FLOWS_DIR,
    auth: { authenticate: (token) => officers.auth.authenticate(token) },
    notifyAgencyGroup: (agency, text) => notifyAgencyGroup(agency, text),
    now,
    logger,
    incidents: createIncidentFigures({ store: operations.ops, knowledge }),
  });
  await evaluation.init();
  const turns = createTurnProcessor({
    store,
    queue,
    events,
    nlu,
    dialogue: evaluation.recordGaps(dialogue),
    portsFor: (conversation, entry) => operations.ports(tickets.portsFor(conversation, entry)),
    agencyOf,
    now,
    logger,
    metrics,
    onHandoff: (c) => {
      notify(c.agency, waitingChatNotice(knowledge, c));
      evaluation.recordHandoff(c);
    },
    afterTurn: (before, after) => flowExpiry.afterTurn(before, after),
  });
  const flowExpiry = createFlowExpiry({ store, queue, dialogue, turns, now });
  const officers = createOfficerModule({
    store,
    queue,
    events,
    turns,
    tickets,
    knowledge,
    calendar,
    sla,
    now,
    logger,
    flowsDir: config.FLOWS_DIR,
    notifyAgencyGroup: (agency, text) => notifyAgencyGroup(agency, text),
    attachments,
    ...(limits ? { loginThrottle: limits.login } : {}),
    startSurvey: (ticketNumber, conversation) =>
      conversation.owner === 'bot' && !conversation.flow ? dialogue.startSurvey(ticketNumber, now()) : null,
  });
  // One process owns each channel's connection and sends its messages (src/app/channel-owners.ts).
  let owners: ChannelOwners | null = null;
  const adapters: Partial<Record<Channel, ChannelAdapter>> = {
    ...createChannelAdapters({
      config,
      store,
      attachments,
      logger,
      groups: officers.groupRegistry,
      ownedUntil: (c) => owners?.validUntil(c) ?? 0,
      ...(pacing ? { pacing: (c: Channel) => pacing.forChannel(c) } : {}),
    }),
    ...givenAdapters,
  };
  owners = createChannelOwners({
    config,
    adapters,
    queue,
    ingress,
    logger,
    leaseTtlMs: config.CHANNEL_LEASE_MS,
    receivesOverHttp: (a) => a instanceof TelegramAdapter && a.options.mode === 'webhook',
  });
  const channelOwners = owners;
  const telegram = adapters.telegram;
  if (telegram instanceof TelegramAdapter) {
    notifyAgencyGroup = async (agency, text) => {
      for (const chatId of await officers.groupRegistry.groupsOf(agency)) await telegram.sendGroupNotification(chatId, { text });
    };
  }
  const deliver = withDeliveryMetrics(createDeliverer({ store, adapters, now, logger, sentMarks: queue }), metrics);
  const timer = createTimerHandler({
    store,
    logger,
    onSlaCheck: officers.onSlaCheck,
    onSurveyPrompt: officers.onSurveyPrompt,
    onFlowTimeout: flowExpiry.onTimer,
    onRetention: () => retention.onTimer(),
    onReportDigest: evaluation.onDigestTimer,
  });
  const retention = createRetentionJob({ queue, service: privacy.service, intervalMs: privacy.policy.intervalMs, now, logger });

  const consume = config.PROCESS_ROLE !== 'api';
  // Each turn first checks (one cheap read) that console-published FAQ entries are current.
  const drain = (conversationId: string) => evaluation.refresher.ensureFresh().then(() => turns.drain(conversationId));
  // Deliveries of owned channels (Telegram, WhatsApp) are consumed only by their owner.
  await queue.start({ drain, deliver, timer }, { consume, deliveries: CHANNELS.filter((c) => !channelOwners.owned.includes(c)) });
  if (consume) await retention.start();
  if (consume) await evaluation.scheduleDigest().catch((err) => logger.warn('could not schedule the monthly report digest', { err }));
  await channelOwners.start();
  await operations.start();

  // Crash recovery: messages stored but never drained (a lost signal, a killed worker) are re-signalled.
  let sweep: NodeJS.Timeout | null = null;
  let deliverySweep: NodeJS.Timeout | null = null;
  if (consume) {
    const runSweep = async () => {
      try {
        for (const id of await store.conversationsWithPending(now() - RECOVERY_SWEEP_MS, 500)) await queue.signalConversation(id);
      } catch (err) {
        logger.warn('recovery sweep failed', { err });
      }
    };
    void runSweep();
    sweep = setInterval(() => void runSweep(), RECOVERY_SWEEP_MS);
    sweep.unref();
    // Deliveries whose retries ended without a final record (a worker died between attempts).
    const failStale = createStaleDeliverySweep({ store, now, logger });
    deliverySweep = setInterval(() => void failStale().catch((err) => logger.warn('stale delivery sweep failed', { err })), DELIVERY_SWEEP_MS);
    deliverySweep.unref();
  }

  const health = healthRoutes(
    [
      { name: 'store', check: () => store.ping() },
      { name: 'queue', check: () => queue.ping() },
    ],
    () => ({ channels: channelOwners.status(), queue: queue.kind }),
  );
  // A worker-only process serves only its probes and metrics (for the orchestrator and Prometheus).
  const routers =
    config.PROCESS_ROLE === 'worker'
      ? [health, metricsRoutes(metrics)]
      : [
          health,
          metricsRoutes(metrics),
          operations.statusRouter(),
          analyzeRoutes(freshAnalyzer(createAnalyzer({ nlu, dialogue, now, officeHours: (t) => calendar.officeHours(t), knownIncident: (s) => operations.desk.known(s) }), evaluation.refresher), { perIp: limits ? limits.analyze : memoryAnalyzeLimit(perIp) }),
          webchatStaticRoutes(),
          webchatRoutes(createWebchatBackend({ store, ingress, events, attachments, now, sessionIdleMs: config.WEBCHAT_SESSION_IDLE_HOURS * 60 * 60_000 }), {
            allowedOrigins: config.WEBCHAT_ALLOWED_ORIGINS,
            limits: limits ? limits.webchat : memoryWebchatLimits(perIp),
          }),
          ...(config.TELEGRAM_WEBHOOK_URL ? telegramWebhookRouters(adapters.telegram) : []),
          ...officers.routers,
          ...operations.officerRouters(officers.auth),
          ...evaluation.routers,
          ...(extraRouters ?? []),
        ];
  const app = createHttpApp({ logger, routers });
  let server: Server | null = null;
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (sweep) clearInterval(sweep);
      if (deliverySweep) clearInterval(deliverySweep);
      officers.stop();
      await operations.stop().catch((err) => logger.warn('operations stop failed', { err }));
      const s = server;
      if (s) {
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections?.();
        });
      }
      await channelOwners.stop();
      await limits?.close();
      await pacing?.close();
      await queue.close();
      await events.close();
      await store.close();
      logger.info('service stopped');
    })());

  try {
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.PORT, config.HOST, () => resolve(s));
      s.once('error', reject);
    });
  } catch (err) {
    await stop();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError(
        `PORT ${config.PORT} sudah dipakai proses lain. Setiap proses (juga PROCESS_ROLE=worker, yang melayani /healthz, /readyz dan /metrics) memerlukan PORT sendiri.`,
      );
    }
    throw err;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const httpUrl = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  const url = config.PROCESS_ROLE === 'worker' ? '' : httpUrl;
  logger.info('HTTP server listening', { url: httpUrl, role: config.PROCESS_ROLE, store: config.MONGODB_URI ? 'mongodb' : 'sqlite', queue: queue.kind });

  return { config, url, httpUrl, metrics, store, queue, events, knowledge, ingress, turns, tickets, adapters, operations, privacy, evaluation, app: config.PROCESS_ROLE === 'worker' ? null : app, stop };
}

/** Analyze answers with the console-published FAQ entries of the moment (interfaces.md section 8). */
function freshAnalyzer(analyzer: Analyzer, refresher: PublishedRefresher): Analyzer {
  return {
    async analyze(input) {
      await refresher.ensureFresh();
      return analyzer.analyze(input);
    },
  };
}

/** Webhook mode: Telegram POSTs updates to the adapter's path (polling mode needs no route). */
function telegramWebhookRouters(adapter: ChannelAdapter | undefined): Router[] {
  if (!(adapter instanceof TelegramAdapter) || !adapter.webhookPath) return [];
  const router = Router();
  router.post(adapter.webhookPath, adapter.webhookHandler());
  return [router];
}

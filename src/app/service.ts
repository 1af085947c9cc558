/**
 * The composition root: builds every part from config, and owns start and stop order.
 * Start: data files (fail fast on a bad file) -> store -> queue + events -> engine -> channels
 * -> workers -> HTTP. Stop (SIGTERM): HTTP -> channels -> workers (finish what is in hand)
 * -> events -> store.
 */
import type { Server } from 'node:http';
import { Router } from 'express';
import type { ChannelAdapter } from '../../channels/types';
import { webchatRoutes } from '../../channels/webchat/routes';
import { webchatStaticRoutes } from '../../channels/webchat/static';
import { type Config, loadConfig } from '../config/env';
import type { Channel } from '../domain/ids';
import { createDeliverer, createStaleDeliverySweep } from '../engine/delivery';
import { createIngress, type EngineIngress } from '../engine/ingress';
import { createTicketDesk, type TicketDesk } from '../engine/ticket-desk';
import { createTurnProcessor, type TurnProcessor } from '../engine/turn-processor';
import { createFlowExpiry } from '../engine/flow-expiry';
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
import { createAnalyzer } from '../analyze';
import { createTimerHandler } from './timer-handler';
import { buildConversationModel } from './conversation-model';
import { createOfficerModule } from './officer-module';
import { ticketCreatedNotice, waitingChatNotice } from './group-notices';
import { createChannelAdapters } from './channels';
import { FileAttachmentStore } from '../attachments/file-attachment-store';
import { TelegramAdapter } from '../../channels/telegram/adapter';

export interface ServiceOptions {
  /** Environment to read the config from (default process.env); fields of Config override it. */
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  now?: () => number;
  /** Extra channel adapters (tests inject fakes); keyed by channel. */
  adapters?: Partial<Record<Channel, ChannelAdapter>>;
  /** Extra routers mounted before the 404 handler. */
  routers?: Router[];
}

export interface RunningService {
  config: Config;
  /** Base URL of the HTTP server (empty for a worker-only process). */
  url: string;
  store: Store;
  queue: QueueBus;
  events: EventBus;
  knowledge: Knowledge;
  ingress: EngineIngress;
  turns: TurnProcessor;
  tickets: TicketDesk;
  adapters: Partial<Record<Channel, ChannelAdapter>>;
  stop(): Promise<void>;
}

const RECOVERY_SWEEP_MS = 5_000;
const DELIVERY_SWEEP_MS = 60_000;

export async function startService(overrides: Partial<Config> & ServiceOptions = {}): Promise<RunningService> {
  const { env, logger: givenLogger, now: givenNow, adapters: givenAdapters, routers: extraRouters, ...configOverrides } = overrides;
  const config: Config = { ...loadConfig(env ?? process.env), ...configOverrides };
  const logger = givenLogger ?? createLogger(config.LOG_LEVEL);
  const now = givenNow ?? Date.now;

  // Data files first: a bad edit stops the start before anything connects.
  const { knowledge, nlu, dialogue, sla, calendar } = buildConversationModel(config);

  const store = createStore(config);
  await store.open();
  const queue = createQueue(config, { lockDurationMs: config.QUEUE_LOCK_MS, stalledIntervalMs: config.QUEUE_STALLED_MS });
  const events = createEventBus(config, { onError: (context, err) => logger.warn('event bus error', { context, error: String(err) }) });

  const ingress = createIngress({ store, queue, events });
  // Agency Telegram groups hear about new tickets and waiting chats (bound once channels exist).
  let notifyAgencyGroup: (agency: string, text: string) => Promise<void> = async () => undefined;
  const notify = (agency: string | null, text: string) => {
    if (agency) void notifyAgencyGroup(agency, text).catch((err) => logger.warn('group notification failed', { agency, error: String(err) }));
  };
  const tickets = createTicketDesk({
    store,
    queue,
    events,
    knowledge,
    sla,
    calendar,
    now,
    logger,
    onTicketCreated: (t) => notify(t.agency, ticketCreatedNotice(knowledge, t)),
  });
  const agencyOf = (service: string | null) => (service ? (knowledge.services.get(service)?.owners[0] ?? null) : null);
  const turns = createTurnProcessor({
    store,
    queue,
    events,
    nlu,
    dialogue,
    portsFor: tickets.portsFor,
    agencyOf,
    now,
    logger,
    onHandoff: (c) => notify(c.agency, waitingChatNotice(knowledge, c)),
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
    startSurvey: (ticketNumber, conversation) =>
      conversation.owner === 'bot' && !conversation.flow ? dialogue.startSurvey(ticketNumber, now()) : null,
  });
  const attachments = new FileAttachmentStore(config.DATA_DIR);
  const adapters: Partial<Record<Channel, ChannelAdapter>> = {
    ...createChannelAdapters({ config, store, attachments, logger, groups: officers.groupRegistry }),
    ...givenAdapters,
  };
  const telegram = adapters.telegram;
  if (telegram instanceof TelegramAdapter) {
    notifyAgencyGroup = async (agency, text) => {
      for (const chatId of await officers.groupRegistry.groupsOf(agency)) await telegram.sendGroupNotification(chatId, { text });
    };
  }
  const deliver = createDeliverer({ store, adapters, now, logger });
  const timer = createTimerHandler({
    store,
    logger,
    onSlaCheck: officers.onSlaCheck,
    onSurveyPrompt: officers.onSurveyPrompt,
    onFlowTimeout: flowExpiry.onTimer,
  });

  const consume = config.PROCESS_ROLE !== 'api';
  await queue.start({ drain: turns.drain, deliver, timer }, { consume });
  for (const adapter of Object.values(adapters)) await adapter.start(ingress);

  // Crash recovery: messages stored but never drained (a lost signal, a killed worker) are re-signalled.
  let sweep: NodeJS.Timeout | null = null;
  let deliverySweep: NodeJS.Timeout | null = null;
  if (consume) {
    const runSweep = async () => {
      try {
        for (const id of await store.conversationsWithPending(now() - RECOVERY_SWEEP_MS, 500)) await queue.signalConversation(id);
      } catch (err) {
        logger.warn('recovery sweep failed', { error: String(err) });
      }
    };
    void runSweep();
    sweep = setInterval(() => void runSweep(), RECOVERY_SWEEP_MS);
    sweep.unref();
    // Deliveries whose retries ended without a final record (a worker died between attempts).
    const failStale = createStaleDeliverySweep({ store, now, logger });
    deliverySweep = setInterval(() => void failStale().catch((err) => logger.warn('stale delivery sweep failed', { error: String(err) })), DELIVERY_SWEEP_MS);
    deliverySweep.unref();
  }

  let server: Server | null = null;
  let url = '';
  if (config.PROCESS_ROLE !== 'worker') {
    const webchat = createWebchatBackend({ store, ingress, events, now });
    const app = createHttpApp({
      logger,
      routers: [
        healthRoutes(
          [
            { name: 'store', check: () => store.ping() },
            { name: 'queue', check: () => queue.ping() },
          ],
          () => ({ channels: Object.values(adapters).map((a) => a.status()), queue: queue.kind }),
        ),
        analyzeRoutes(createAnalyzer({ nlu, dialogue, now, officeHours: (t) => calendar.officeHours(t) })),
        webchatStaticRoutes(),
        webchatRoutes(webchat, { allowedOrigins: config.WEBCHAT_ALLOWED_ORIGINS }),
        ...(config.TELEGRAM_WEBHOOK_URL ? telegramWebhookRouters(adapters.telegram) : []),
        ...officers.routers,
        ...(extraRouters ?? []),
      ],
    });
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.PORT, config.HOST, () => resolve(s));
      s.once('error', reject);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
    logger.info('HTTP server listening', { url, role: config.PROCESS_ROLE, store: config.MONGODB_URI ? 'mongodb' : 'sqlite', queue: queue.kind });
  }

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (sweep) clearInterval(sweep);
      if (deliverySweep) clearInterval(deliverySweep);
      officers.stop();
      if (server) {
        const s = server;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections?.();
        });
      }
      for (const adapter of Object.values(adapters)) await adapter.stop().catch((err) => logger.warn('channel stop failed', { error: String(err) }));
      await queue.close();
      await events.close();
      await store.close();
      logger.info('service stopped');
    })());

  return { config, url, store, queue, events, knowledge, ingress, turns, tickets, adapters, stop };
}

/** Webhook mode: Telegram POSTs updates to the adapter's path (polling mode needs no route). */
function telegramWebhookRouters(adapter: ChannelAdapter | undefined): Router[] {
  if (!(adapter instanceof TelegramAdapter) || !adapter.webhookPath) return [];
  const router = Router();
  router.post(adapter.webhookPath, adapter.webhookHandler());
  return [router];
}

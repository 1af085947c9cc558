/** Builds the Telegram and WhatsApp adapters from config (only when configured). */
import { join } from 'node:path';
import { TelegramAdapter } from '../../channels/telegram/adapter';
import type { GroupRegistry } from '../../channels/telegram/group-registry';
import type { LiveKeyboards } from '../../channels/telegram/keyboards';
import type { PacingState } from '../../channels/shared/pacing-state';
import type { AttachmentSink, ChannelAdapter } from '../../channels/types';
import { WhatsAppAdapter } from '../../channels/whatsapp/adapter';
import { createClientFactory } from '../../channels/whatsapp/client-factory';
import { whatsAppConfigSchema } from '../../channels/whatsapp/config';
import type { Config } from '../config/env';
import type { Channel } from '../domain/ids';
import type { Store } from '../store/port';
import type { Logger } from '../runtime/logger';
import { MongoStore } from '../store/mongo/mongo-store';
import { GridFsWhatsAppSessionStore } from '../store/mongo/whatsapp-session-store';

export interface ChannelDeps {
  config: Config;
  store: Store;
  attachments: AttachmentSink;
  logger: Logger;
  groups?: GroupRegistry;
  /** Time before which this process may hold the channel's connection (the channel owner's lease). */
  ownedUntil?: (channel: Channel) => number;
  /** Outbound pacing state per channel, shared by every owner process (src/app/shared-pacing.ts); absent: memory. */
  pacing?: (channel: Channel) => PacingState;
}

export function createChannelAdapters(deps: ChannelDeps): Partial<Record<Channel, ChannelAdapter>> {
  const { config, store, attachments, logger } = deps;
  const adapters: Partial<Record<Channel, ChannelAdapter>> = {};
  if (config.TELEGRAM_BOT_TOKEN) {
    adapters.telegram = new TelegramAdapter(
      {
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        mode: config.TELEGRAM_WEBHOOK_URL ? 'webhook' : 'polling',
        ...(config.TELEGRAM_WEBHOOK_URL ? { webhookUrl: config.TELEGRAM_WEBHOOK_URL, webhookSecret: config.TELEGRAM_WEBHOOK_SECRET } : {}),
      },
      {
        attachments,
        groups: deps.groups,
        logger: logger.child({ channel: 'telegram' }),
        replyOnce: (key) => firstTime(store, `telegram:${key}`),
        ...(deps.ownedUntil ? { pollUntil: () => deps.ownedUntil!('telegram') } : {}),
        ...(deps.pacing ? { pacingState: deps.pacing('telegram') } : {}),
        liveKeyboards: storeLiveKeyboards(store),
        callbackStore: {
          put: (key, value) => store.putDoc(CALLBACK_VALUES, key, { value }),
          get: async (key) => (await store.getDoc<{ value: string }>(CALLBACK_VALUES, key))?.value ?? null,
        },
      },
    );
  }
  if (config.WHATSAPP_ENABLED) {
    const waConfig = whatsAppConfigSchema.parse({
      enabled: true,
      chromiumPath: config.CHROMIUM_PATH,
      dataDir: join(config.DATA_DIR, 'whatsapp-auth'),
    });
    const waLogger = logger.child({ channel: 'whatsapp' });
    adapters.whatsapp = new WhatsAppAdapter({
      config: waConfig,
      // With MongoDB the login lives in GridFS (RemoteAuth), so a redeployed container keeps it.
      clientFactory: createClientFactory(
        waConfig,
        store instanceof MongoStore ? { remoteStore: new GridFsWhatsAppSessionStore(() => store.mongoConnection) } : {},
      ),
      // Ban safety: only chats that wrote to us first, remembered across restarts by the store.
      hasWrittenFirst: async (threadId) => (await store.findConversation('whatsapp', threadId)) !== null,
      attachments,
      log: waLogger,
      ...(deps.pacing ? { pacingState: deps.pacing('whatsapp') } : {}),
    });
  }
  return adapters;
}

/** Which Telegram message's buttons are still live, by chat (the next owner retires them too). */
const LIVE_KEYBOARDS = 'telegram-keyboard';

export function storeLiveKeyboards(store: Store): LiveKeyboards {
  return {
    get: async (chatId) => (await store.getDoc<{ messageId: number }>(LIVE_KEYBOARDS, chatId))?.messageId ?? null,
    set: (chatId, messageId) => store.putDoc(LIVE_KEYBOARDS, chatId, { messageId }),
    delete: (chatId) => store.deleteDoc(LIVE_KEYBOARDS, chatId),
  };
}

/** Telegram option values longer than callback_data allows, by key (every process resolves them). */
const CALLBACK_VALUES = 'telegram-callback';

/** Answers the adapters make themselves, keyed by update: true the first time (kept in the store). */
const ADAPTER_REPLIES = 'balasan-adaptor';

export async function firstTime(store: Store, key: string): Promise<boolean> {
  if (await store.getDoc(ADAPTER_REPLIES, key)) return false;
  await store.putDoc(ADAPTER_REPLIES, key, { at: Date.now() });
  return true;
}

/**
 * One owner per channel connection. However many processes run, exactly one holds Telegram's long
 * poll and exactly one the WhatsApp Web client, and that same process sends the channel's
 * messages: it consumes the channel's outbound queue, so every other process's sends reach it
 * through the queue. Its pacing state is shared through Redis (src/app/shared-pacing.ts), so the
 * next owner keeps each chat's interval and the channel-wide caps.
 *
 * The owner holds a lease per channel (`<REDIS_PREFIX>:lease:channel:<channel>`, the
 * SingletonLease of src/runtime/singleton-lease.ts), contended only by consuming processes
 * (PROCESS_ROLE all or worker). On acquiring it, the process consumes the channel's deliveries
 * and starts the connection; on losing it (or at stop) it stops both before the key can expire,
 * so two connections never overlap; Telegram's long polls are moreover cut to end before the
 * lease does (TelegramAdapter's pollUntil). A dead owner's key expires after the lease TTL and
 * another process takes over. Without Redis the single process always owns every channel.
 *
 * Telegram in webhook mode receives in every HTTP process (api, all): only its sending is owned.
 */
import type { ChannelAdapter, ChannelStatus, Ingress } from '../../channels/types';
import type { Config } from '../config/env';
import type { Channel } from '../domain/ids';
import type { QueueBus } from '../queue/port';
import type { Logger } from '../runtime/logger';
import { createSingletonLease, type SingletonLease } from '../runtime/singleton-lease';

export interface ChannelOwnersDeps {
  config: Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX' | 'PROCESS_ROLE'>;
  adapters: Partial<Record<Channel, ChannelAdapter>>;
  queue: QueueBus;
  ingress: Ingress;
  logger: Logger;
  /** Lease time-to-live: a dead owner's channel moves to another process within about this. Default 15 s. */
  leaseTtlMs?: number;
  /** Whether the adapter receives over this process's HTTP server (Telegram webhook mode). */
  receivesOverHttp: (adapter: ChannelAdapter) => boolean;
}

export interface ChannelOwners {
  /** Channels whose deliveries wait for their owner (queue.start's `deliveries` leaves them out). */
  readonly owned: readonly Channel[];
  /** Starts the webhook receivers of an HTTP process and contends for the owned channels. */
  start(): Promise<void>;
  /** Gives up owned channels (the next process takes over at once) and stops every adapter. */
  stop(): Promise<void>;
  /** Whether this process owns the channel now. */
  owns(channel: Channel): boolean;
  /** Time before which this process may hold the channel's connection (the lease's validUntil). */
  validUntil(channel: Channel): number;
  /** Status of each channel as this process sees it, with `owner`. */
  status(): (ChannelStatus & { owner: boolean })[];
}

export function leaseKey(prefix: string, channel: Channel): string {
  return `${prefix}:lease:channel:${channel}`;
}

export function createChannelOwners(deps: ChannelOwnersDeps): ChannelOwners {
  const { adapters, queue, ingress, logger, config } = deps;
  const consumes = config.PROCESS_ROLE !== 'api';
  const serves = config.PROCESS_ROLE !== 'worker';
  const entries = Object.entries(adapters) as [Channel, ChannelAdapter][];
  const owned = entries.map(([channel]) => channel).filter((c) => c !== 'webchat');
  const leases = new Map<Channel, SingletonLease>();
  /** Adapters started in this process (webhook receivers, or the connection of an owned channel). */
  const started = new Set<Channel>();

  const startAdapter = async (channel: Channel, adapter: ChannelAdapter) => {
    started.add(channel);
    await adapter.start(ingress);
  };
  const stopAdapter = async (channel: Channel, adapter: ChannelAdapter) => {
    if (!started.delete(channel)) return;
    await adapter.stop().catch((err) => logger.warn('channel stop failed', { channel, err }));
  };

  if (consumes) {
    for (const [channel, adapter] of entries) {
      if (channel === 'webchat') continue;
      const webhook = deps.receivesOverHttp(adapter);
      leases.set(
        channel,
        createSingletonLease({
          redisUrl: config.REDIS_URL ?? null,
          key: leaseKey(config.REDIS_PREFIX, channel),
          ttlMs: deps.leaseTtlMs,
          logger,
          onAcquire: async () => {
            logger.info('channel owned by this process', { channel });
            await queue.consumeDeliveries(channel, true);
            if (!webhook) await startAdapter(channel, adapter);
          },
          onLose: async () => {
            logger.info('channel no longer owned by this process', { channel });
            // The connection first: it must end before the lease can pass to another process.
            if (!webhook) await stopAdapter(channel, adapter);
            await queue.consumeDeliveries(channel, false);
          },
        }),
      );
    }
  }

  return {
    owned,
    async start() {
      if (serves) {
        for (const [channel, adapter] of entries) {
          if (channel === 'webchat' || deps.receivesOverHttp(adapter)) await startAdapter(channel, adapter);
        }
      }
      for (const lease of leases.values()) await lease.start();
    },
    async stop() {
      for (const lease of leases.values()) await lease.stop().catch((err) => logger.warn('channel lease stop failed', { err }));
      for (const [channel, adapter] of entries) await stopAdapter(channel, adapter);
    },
    owns(channel) {
      return leases.get(channel)?.held ?? false;
    },
    validUntil(channel) {
      return leases.get(channel)?.validUntil ?? 0;
    },
    status() {
      return entries.map(([channel, adapter]) => {
        const owner = leases.get(channel)?.held ?? false;
        const own = adapter.status();
        if (started.has(channel) || owner) return { ...own, owner };
        return { ...own, state: 'disconnected' as const, detail: 'koneksi kanal dipegang proses lain', owner };
      });
    },
  };
}

/**
 * The set-up of the channel journey suites: the real service on real Redis (skipped loudly when
 * Redis does not answer), on an office-hours clock, optionally with the Telegram Bot API
 * stand-in (test/helpers/fake-telegram-server.ts) connected. Registers its own beforeAll/afterAll.
 */
import { eventually } from './channel-e2e';
import { FakeTelegramServer } from './fake-telegram-server';
import { requireRedisOrSkip } from './redis';
import { startTestService, type TestService } from './service';

/** Monday 23 November 2026, 09:00 WIB (office hours). */
export const OFFICE_HOURS_BASE = Date.UTC(2026, 10, 23, 2, 0, 0);

/** A clock that starts at `base` and advances with real time. */
export function clockFrom(base = OFFICE_HOURS_BASE): () => number {
  const realStart = Date.now();
  return () => base + (Date.now() - realStart);
}

export interface ChannelSuite {
  /** True when Redis did not answer: each test returns at once. */
  readonly skip: boolean;
  /** The running service (throws when the suite was skipped or has not started). */
  readonly service: TestService;
  /** The Bot API stand-in (throws without `telegramToken`). */
  readonly fake: FakeTelegramServer;
  /** The service's clock. */
  readonly now: () => number;
}

/** Starts the service in beforeAll (with `telegramToken`: the Bot API stand-in too, waiting until the channel connects) and stops both in afterAll. */
export function useChannelService(options: { telegramToken?: string } = {}): ChannelSuite {
  const now = clockFrom();
  let service: TestService | null = null;
  let fake: FakeTelegramServer | null = null;
  let skip = false;

  beforeAll(async () => {
    if (!(await requireRedisOrSkip())) {
      skip = true;
      return;
    }
    const token = options.telegramToken;
    if (token) {
      fake = await FakeTelegramServer.start(token);
      service = await startTestService({ redis: true, now, TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: fake.apiRoot });
      await eventually('the Telegram channel to connect', () => (service!.adapters.telegram?.status().state === 'connected' ? true : undefined));
    } else service = await startTestService({ redis: true, now });
  });
  afterAll(async () => {
    await service?.cleanup();
    await fake?.close();
  });

  return {
    get skip() {
      return skip;
    },
    get service() {
      if (!service) throw new Error('the service has not started');
      return service;
    },
    get fake() {
      if (!fake) throw new Error('no Telegram stand-in in this suite');
      return fake;
    },
    now,
  };
}

/**
 * Pacing state shared through real Redis (src/app/shared-pacing.ts): two pacers built on it one
 * after the other, as a channel's owner and the process that takes over after it dies, keep one
 * chat's interval and the channel-wide caps across the handover. Slots are taken atomically (two
 * pacers at once never share one), every key expires, and without Redis the pacers still pace in
 * memory.
 */
import IORedis from 'ioredis';
import { Pacer as TelegramPacer } from '../../../channels/telegram/pacer';
import { Pacer as WhatsAppPacer } from '../../../channels/whatsapp/pacing';
import { createSharedPacing, type SharedPacing } from '../../../src/app/shared-pacing';
import { AutoClock } from '../../channels/telegram/doubles';
import { deletePrefix, requireRedisOrSkip, TEST_REDIS_URL, uniquePrefix } from '../../helpers/redis';

const telegramOptions = { perChatIntervalMs: 1000, globalPerSecond: 30, groupPerMinute: 20 };

describe('shared pacing state (Redis)', () => {
  let ok = false;
  let redis: IORedis;
  const prefix = uniquePrefix('pace');
  const open: SharedPacing[] = [];
  const owner = () => {
    const pacing = createSharedPacing({ redisUrl: TEST_REDIS_URL, prefix });
    open.push(pacing);
    return pacing;
  };

  beforeAll(async () => {
    ok = await requireRedisOrSkip();
    if (ok) redis = new IORedis(TEST_REDIS_URL);
  });

  afterAll(async () => {
    for (const p of open) await p.close();
    if (!ok) return;
    await deletePrefix(redis as never, prefix);
    await redis.quit();
  });

  it('Telegram: the next owner waits out a chat interval, a group interval and a 429 of the previous owner', async () => {
    if (!ok) return;
    const clock = new AutoClock();
    const first = owner();
    const before = new TelegramPacer(telegramOptions, clock, first.forChannel('telegram'));
    await before.acquire('111');
    await before.acquire('-1001234');
    await before.acquire('222');
    await before.defer('222', 5000);
    expect(clock.sleeps).toEqual([]);
    await first.close(); // the owner is gone; another process takes the channel

    const after = new TelegramPacer(telegramOptions, clock, owner().forChannel('telegram'));
    await after.acquire('111');
    expect(clock.sleeps).toEqual([1000]);
    await after.acquire('-1001234'); // 3 s after its slot, 1 s of which already passed
    expect(clock.sleeps).toEqual([1000, 2000]);
    await after.acquire('222');
    expect(clock.sleeps).toEqual([1000, 2000, 2000]); // 5 s after the 429, 3 s of which passed

    // The same handover with memory state starts afresh: the chat would get a message at once.
    const fresh = new TelegramPacer(telegramOptions, clock);
    await fresh.acquire('111');
    expect(clock.sleeps).toHaveLength(3);
  });

  it('Telegram: the global 30/s counts the previous owner burst', async () => {
    if (!ok) return;
    const clock = new AutoClock(1_770_000_000_000);
    const state = () => owner().forChannel('telegram');
    const before = new TelegramPacer(telegramOptions, clock, state());
    for (let i = 0; i < 30; i++) await before.acquire(`burst-${i}`);
    expect(clock.sleeps).toEqual([]);
    // The takeover comes a while later in real time, while the pacers' clock stands still: a key
    // whose expiry were cut to the exact wait (1 s here) would be gone and the burst forgotten.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const after = new TelegramPacer(telegramOptions, clock, state());
    await after.acquire('burst-30');
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeCloseTo(1000 / 30, 1);
  });

  it('WhatsApp: the next owner keeps the chat interval, the slot order and the per-minute cap', async () => {
    if (!ok) return;
    const t = Date.now();
    const before = new WhatsAppPacer(1500, 4, owner().forChannel('whatsapp'));
    expect(await before.reserve('a@c.us', t)).toBe(0);
    expect(await before.reserve('b@c.us', t)).toBe(0);
    const after = new WhatsAppPacer(1500, 4, owner().forChannel('whatsapp'));
    expect(await after.reserve('a@c.us', t + 100)).toBe(1400); // a's interval, from the first owner
    expect(await after.reserve('c@c.us', t + 100)).toBe(1400); // never before the latest slot
    // Four slots in this minute already (two of them the first owner's): the fifth waits a minute.
    expect(await after.reserve('d@c.us', t + 200)).toBe(60_000 - 200);
  });

  it('hands out distinct slots to two pacers sending at once', async () => {
    if (!ok) return;
    const channelPrefix = uniquePrefix('paceat');
    const make = () => {
      const pacing = createSharedPacing({ redisUrl: TEST_REDIS_URL, prefix: channelPrefix });
      open.push(pacing);
      return new WhatsAppPacer(0, 5, pacing.forChannel('whatsapp'));
    };
    const [one, two] = [make(), make()];
    const t = Date.now();
    const waits = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? one : two).reserve(`chat-${i}@c.us`, t)));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    expect(waits.filter((w) => w === 60_000)).toHaveLength(3);
    await deletePrefix(redis as never, channelPrefix);
  });

  it('gives every key an expiry', async () => {
    if (!ok) return;
    const own = uniquePrefix('paceexp');
    const pacing = createSharedPacing({ redisUrl: TEST_REDIS_URL, prefix: own });
    open.push(pacing);
    const telegram = new TelegramPacer(telegramOptions, new AutoClock(Date.now()), pacing.forChannel('telegram'));
    await telegram.acquire('111');
    await telegram.defer('222', 5000);
    await new WhatsAppPacer(1500, 40, pacing.forChannel('whatsapp')).reserve('a@c.us', Date.now());
    const keys = (await redis.keys(`${own}:*`)).sort();
    expect(keys).toEqual(
      [
        `${own}:pace:telegram:chat:111`,
        `${own}:pace:telegram:chat:222`,
        `${own}:pace:telegram:tat`,
        `${own}:pace:whatsapp:chat:a@c.us`,
        `${own}:pace:whatsapp:seq`,
        `${own}:pace:whatsapp:slots`,
      ].sort(),
    );
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
    await deletePrefix(redis as never, own);
  });

  it('paces in memory while Redis does not answer', async () => {
    const unreachable = createSharedPacing({ redisUrl: 'redis://127.0.0.1:1', prefix: uniquePrefix('pacedown') });
    open.push(unreachable);
    const pacer = new WhatsAppPacer(1500, 40, unreachable.forChannel('whatsapp'));
    expect(await pacer.reserve('a@c.us', 0)).toBe(0);
    expect(await pacer.reserve('a@c.us', 0)).toBe(1500);
  });
});

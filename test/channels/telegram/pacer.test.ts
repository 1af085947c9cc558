import { Pacer } from '../../../channels/telegram/pacer';
import { ManualClock } from './doubles';

const options = { perChatIntervalMs: 1000, globalPerSecond: 30, groupPerMinute: 20 };
/** Lets an acquire() run up to its sleep (the pacing state answers asynchronously). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('telegram pacer (computed waits, fake clock)', () => {
  it('spaces messages to one private chat by the per-chat interval', async () => {
    const clock = new ManualClock();
    const pacer = new Pacer(options, clock);
    await pacer.acquire('111');
    const second = pacer.acquire('111');
    await settle();
    expect(clock.sleeps).toEqual([1000]);
    clock.advance(1000);
    await second;
  });

  it('spaces messages to a group to 20 per minute', async () => {
    const clock = new ManualClock();
    const pacer = new Pacer(options, clock);
    await pacer.acquire('-1001234');
    void pacer.acquire('-1001234');
    await settle();
    expect(clock.sleeps).toEqual([3000]);
  });

  it('does not hold back another chat while one chat waits', async () => {
    const clock = new ManualClock();
    const pacer = new Pacer(options, clock);
    await pacer.acquire('-1001234');
    void pacer.acquire('-1001234'); // waits 3 s
    await pacer.acquire('222'); // resolves without waiting
    await pacer.acquire('333');
    expect(clock.sleeps).toEqual([3000]);
  });

  it('lets a burst of 30 chats through, then paces at 30 per second overall', async () => {
    const clock = new ManualClock();
    const pacer = new Pacer(options, clock);
    for (let i = 0; i < 30; i++) await pacer.acquire(`chat-${i}`);
    expect(clock.sleeps).toEqual([]);
    void pacer.acquire('chat-30');
    await settle();
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeCloseTo(1000 / 30, 1);
  });

  it('keeps a chat quiet after a 429 for the time Telegram asked', async () => {
    const clock = new ManualClock();
    const pacer = new Pacer(options, clock);
    await pacer.acquire('111');
    await pacer.defer('111', 5000);
    void pacer.acquire('111');
    await settle();
    expect(clock.sleeps).toEqual([5000]);
  });
});

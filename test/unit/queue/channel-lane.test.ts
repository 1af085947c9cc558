import { ChannelLane } from '../../../src/queue/in-process/channel-lane';

describe('in-process channel lane', () => {
  it('keeps FIFO order and never runs more than its concurrency', async () => {
    const order: number[] = [];
    let active = 0;
    let maxActive = 0;
    const lane = new ChannelLane<number>(2, null, async (n) => {
      active++;
      maxActive = Math.max(maxActive, active);
      order.push(n);
      await new Promise((r) => setTimeout(r, 2));
      active--;
    });
    for (let i = 0; i < 10; i++) lane.push(i);
    while (order.length < 10 || active > 0) await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(maxActive).toBe(2);
  });

  it('starts at most `max` items per rate window', async () => {
    const started: number[] = [];
    const lane = new ChannelLane<number>(10, { max: 3, duration: 60_000 }, async (n) => void started.push(n));
    for (let i = 0; i < 7; i++) lane.push(i);
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toEqual([0, 1, 2]);
    expect(lane.waiting).toBe(4);
    lane.stop();
  });
});

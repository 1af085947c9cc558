/**
 * The contract every QueueBus adapter passes (BullMQ on real Redis, in-process).
 * The drain handler plays the store: a per-conversation "pending" list that producers append
 * to before signalling, and that each drain empties in order, as Store + engine do.
 * Assertions are about order, exclusivity and counts, never about durations.
 */
import { TransientError } from '../../src/domain/errors';
import type { DeliveryAttempt, OutboundJob, QueueBus, QueueHandlers, TimerJob } from '../../src/queue/port';

export interface QueueFixture {
  /** A fresh, unstarted bus with short retry delays (base about 20 ms). */
  make(): Promise<QueueBus>;
  /** False skips the suite (e.g. no Redis). */
  available(): Promise<boolean>;
  /** Called after each test, once the bus is closed. */
  cleanup?(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

/** The in-memory "store" the fake drain reads. */
class FakeMailbox {
  readonly pending = new Map<string, number[]>();
  readonly processed = new Map<string, number[]>();
  readonly active = new Map<string, number>();
  readonly drains = new Map<string, number>();
  overlap: string | null = null;
  globalActive = 0;
  maxGlobalActive = 0;
  /** Awaited inside each drain before it reads the store (to hold a drain open). */
  hold: ((conversationId: string) => Promise<void>) | null = null;
  /** Called after the drain began (it is "active"), before it reads the store. */
  onStart: ((conversationId: string) => void) | null = null;

  put(conversationId: string, item: number): void {
    const list = this.pending.get(conversationId) ?? [];
    list.push(item);
    this.pending.set(conversationId, list);
  }

  total(): number {
    let n = 0;
    for (const l of this.processed.values()) n += l.length;
    return n;
  }

  drain = async (conversationId: string): Promise<void> => {
    const now = (this.active.get(conversationId) ?? 0) + 1;
    this.active.set(conversationId, now);
    if (now > 1) this.overlap = conversationId;
    this.globalActive++;
    this.maxGlobalActive = Math.max(this.maxGlobalActive, this.globalActive);
    this.drains.set(conversationId, (this.drains.get(conversationId) ?? 0) + 1);
    try {
      this.onStart?.(conversationId);
      if (this.hold) await this.hold(conversationId);
      // Process pending entries one by one, as the engine does (with awaits in between).
      for (;;) {
        const list = this.pending.get(conversationId) ?? [];
        const item = list[0];
        if (item === undefined) break;
        await sleep(Math.random() < 0.5 ? 0 : 1);
        list.shift();
        const done = this.processed.get(conversationId) ?? [];
        done.push(item);
        this.processed.set(conversationId, done);
      }
    } finally {
      this.globalActive--;
      this.active.set(conversationId, (this.active.get(conversationId) ?? 1) - 1);
    }
  };
}

function handlers(partial: Partial<QueueHandlers>): QueueHandlers {
  return {
    drain: partial.drain ?? (async () => {}),
    deliver: partial.deliver ?? (async () => {}),
    timer: partial.timer ?? (async () => {}),
  };
}

const outbound = (entryId: string, conversationId = 'c1'): OutboundJob => ({ entryId, conversationId, channel: 'webchat', threadId: 't1' });

export function queueContract(name: string, fixture: QueueFixture): void {
  describe(`QueueBus contract: ${name}`, () => {
    let ok = false;
    let bus: QueueBus | null = null;

    beforeAll(async () => {
      ok = await fixture.available();
    });

    afterEach(async () => {
      if (bus) await bus.close();
      bus = null;
      if (ok) await fixture.cleanup?.();
    });

    async function started(h: Partial<QueueHandlers>): Promise<QueueBus> {
      bus = await fixture.make();
      await bus.start(handlers(h), { consume: true });
      return bus;
    }

    it('drains every signalled item exactly once, in order, never two drains of one conversation at once, conversations in parallel', async () => {
      if (!ok) return;
      const box = new FakeMailbox();
      const q = await started({ drain: box.drain });
      const conversations = Array.from({ length: 20 }, (_, i) => `conv-${i}`);
      const perConversation = 25;
      for (let i = 0; i < perConversation; i++) {
        await Promise.all(
          conversations.map(async (c) => {
            box.put(c, i);
            await q.signalConversation(c);
          }),
        );
        if (i % 5 === 0) await sleep(2);
      }
      await waitFor(() => box.total() === conversations.length * perConversation, 'all items drained');
      await sleep(50); // any stray extra drain would show up as a duplicate now
      expect(box.overlap).toBeNull();
      for (const c of conversations) {
        expect(box.processed.get(c)).toEqual(Array.from({ length: perConversation }, (_, i) => i));
      }
      expect(box.maxGlobalActive).toBeGreaterThan(1);
    });

    it('runs another drain when a signal arrives while the conversation is draining (no lost wake-up)', async () => {
      if (!ok) return;
      const box = new FakeMailbox();
      const first = gate();
      const started1 = gate();
      let calls = 0;
      box.onStart = () => {
        calls++;
        if (calls === 1) started1.open();
      };
      box.hold = async () => {
        if (calls === 1) await first.opened;
      };
      const q = await started({ drain: box.drain });
      box.put('x', 1);
      await q.signalConversation('x');
      await started1.opened;
      // The first drain is running but has not read the store yet... and then it has:
      first.open();
      await waitFor(() => (box.processed.get('x') ?? []).length === 1, 'first item');
      // Now signal while a drain is held open after reading nothing new.
      const second = gate();
      const started2 = gate();
      box.onStart = () => {
        calls++;
        if (calls === 2) started2.open();
      };
      box.hold = async () => {
        if (calls === 2) await second.opened;
      };
      box.put('x', 2);
      await q.signalConversation('x');
      await started2.opened;
      // Drain 2 is active and will process item 2 (it reads after the hold). Item 3 arrives while it runs:
      box.put('x', 3);
      await q.signalConversation('x');
      second.open();
      await waitFor(() => (box.processed.get('x') ?? []).length === 3, 'items stored during a drain');
      expect(box.processed.get('x')).toEqual([1, 2, 3]);
      expect(box.overlap).toBeNull();
    });

    it('drains again after a drain that already read the store when the signal came', async () => {
      if (!ok) return;
      // The hard case: the drain has finished reading (found nothing more) and is about to end
      // when a new item is stored and signalled. Another drain must follow.
      const box = new FakeMailbox();
      const release = gate();
      const reachedEnd = gate();
      let calls = 0;
      const q = await started({
        drain: async (c) => {
          calls++;
          await box.drain(c);
          if (calls === 1) {
            reachedEnd.open();
            await release.opened; // still "running" after its last read
          }
        },
      });
      box.put('y', 1);
      await q.signalConversation('y');
      await reachedEnd.opened;
      box.put('y', 2);
      await q.signalConversation('y');
      release.open();
      await waitFor(() => (box.processed.get('y') ?? []).length === 2, 'item stored at the end of a drain');
      expect(box.processed.get('y')).toEqual([1, 2]);
      expect(calls).toBeGreaterThanOrEqual(2);
    });

    it('coalesces many signals for a busy conversation into a few drains', async () => {
      if (!ok) return;
      const box = new FakeMailbox();
      const release = gate();
      const began = gate();
      let calls = 0;
      box.onStart = () => {
        calls++;
        began.open();
      };
      box.hold = async () => {
        if (calls === 1) await release.opened;
      };
      const q = await started({ drain: box.drain });
      box.put('busy', 0);
      await q.signalConversation('busy');
      await began.opened;
      for (let i = 1; i <= 1000; i++) {
        box.put('busy', i);
        await q.signalConversation('busy');
      }
      release.open();
      await waitFor(() => (box.processed.get('busy') ?? []).length === 1001, '1001 items');
      await sleep(50);
      expect(box.drains.get('busy')).toBeLessThanOrEqual(3);
      expect(box.processed.get('busy')).toEqual(Array.from({ length: 1001 }, (_, i) => i));
    });

    it('retries a delivery on TransientError, waiting at least retryAfterMs, then delivers it', async () => {
      if (!ok) return;
      const log: string[] = [];
      let aTries = 0;
      const q = await started({
        deliver: async (job) => {
          if (job.entryId === 'A') {
            aTries++;
            if (aTries === 1) {
              log.push('A:fail-retry-after');
              throw new TransientError('rate limited', 700);
            }
            if (aTries === 2) {
              log.push('A:fail');
              throw new TransientError('still down');
            }
            log.push('A:ok');
            return;
          }
          log.push(`${job.entryId}:ok`);
        },
      });
      await q.enqueueDelivery(outbound('A'));
      await waitFor(() => log.length === 1, 'first attempt of A');
      // With retryAfterMs ignored, A would be retried after the ~20 ms base delay, before B.
      await sleep(150);
      await q.enqueueDelivery(outbound('B'));
      await waitFor(() => log.includes('A:ok'), 'A delivered after retries');
      expect(log).toEqual(['A:fail-retry-after', 'B:ok', 'A:fail', 'A:ok']);
    });

    it('tells the handler which attempt runs and which is the last one (the fixture allows 5)', async () => {
      if (!ok) return;
      const seen: DeliveryAttempt[] = [];
      const q = await started({
        deliver: async (_job, attempt) => {
          seen.push(attempt);
          throw new TransientError('platform down');
        },
      });
      await q.enqueueDelivery(outbound('always-down'));
      await waitFor(async () => (await q.stats()).outboundFailed === 1, 'the delivery to fail for good');
      expect(seen).toEqual([1, 2, 3, 4, 5].map((number) => ({ number, last: number === 5 })));
    });

    it('does not retry other errors and shows the failure in stats()', async () => {
      if (!ok) return;
      let tries = 0;
      const q = await started({
        deliver: async () => {
          tries++;
          throw new Error('payload rusak');
        },
      });
      expect((await q.stats()).outboundFailed).toBe(0);
      await q.enqueueDelivery(outbound('bad-1'));
      await waitFor(async () => (await q.stats()).outboundFailed === 1, 'failed delivery in stats');
      await sleep(100);
      expect(tries).toBe(1);
    });

    it('de-duplicates deliveries by entryId', async () => {
      if (!ok) return;
      const delivered: string[] = [];
      const q = await started({ deliver: async (job) => void delivered.push(job.entryId) });
      await Promise.all([q.enqueueDelivery(outbound('e:1')), q.enqueueDelivery(outbound('e:1')), q.enqueueDelivery(outbound('e-2'))]);
      await waitFor(() => delivered.length >= 2, 'two deliveries');
      await q.enqueueDelivery(outbound('e:1')); // already delivered: still nothing new
      await q.enqueueDelivery(outbound('e-3'));
      await waitFor(() => delivered.includes('e-3'), 'third delivery');
      expect(delivered.filter((e) => e === 'e:1')).toHaveLength(1);
      expect(delivered.sort()).toEqual(['e-2', 'e-3', 'e:1']);
    });

    it('fires timers, replaces a re-scheduled key and drops a cancelled one', async () => {
      if (!ok) return;
      const fired: TimerJob[] = [];
      const q = await started({ timer: async (job) => void fired.push(job) });
      // Far enough ahead that none fires before the count, even on a loaded machine.
      const now = Date.now() + 1500;
      await q.schedule({ key: 'flow-timeout:a', kind: 'flow-timeout', payload: { v: 1 } }, now + 50);
      await q.schedule({ key: 'sla:b', kind: 'sla-check', payload: { v: 1 } }, now + 100);
      await q.schedule({ key: 'sla:b', kind: 'sla-check', payload: { v: 2 } }, now + 200);
      await q.schedule({ key: 'survey:c', kind: 'survey-prompt', payload: { v: 1 } }, now + 150);
      expect((await q.stats()).timersDelayed).toBe(3);
      await q.cancelSchedule('survey:c');
      await q.schedule({ key: 'last', kind: 'flow-timeout', payload: { v: null } }, now + 600);
      await waitFor(() => fired.some((j) => j.key === 'last'), 'last timer');
      await sleep(50);
      expect(fired.map((j) => `${j.key}=${String(j.payload.v)}`).sort()).toEqual(['flow-timeout:a=1', 'last=null', 'sla:b=2']);
      expect(fired.find((j) => j.key === 'flow-timeout:a')?.kind).toBe('flow-timeout');
      expect((await q.stats()).timersDelayed).toBe(0);
    });

    it('lets a timer re-schedule its own key while it fires (a recurring SLA check)', async () => {
      if (!ok) return;
      const fired: number[] = [];
      const q: QueueBus = await started({
        timer: async (job) => {
          const n = Number(job.payload.n);
          fired.push(n);
          if (n < 4) await q.schedule({ ...job, payload: { n: n + 1 } }, Date.now() + 20);
          // Still firing when the next one is due, and when that one re-schedules in turn: two
          // runs of the key overlap, and the third must not be lost.
          await sleep(400);
        },
      });
      await q.schedule({ key: 'sla:recurring', kind: 'sla-check', payload: { n: 1 } }, Date.now() + 10);
      await waitFor(() => fired.length === 4, 'four firings');
      await sleep(500);
      expect(fired).toEqual([1, 2, 3, 4]);
    });

    it('close() waits for a drain in flight', async () => {
      if (!ok) return;
      const release = gate();
      const began = gate();
      let finished = false;
      const q = await started({
        drain: async () => {
          began.open();
          await release.opened;
          await sleep(20);
          finished = true;
        },
      });
      await q.signalConversation('slow');
      await began.opened;
      let closed = false;
      const closing = q.close().then(() => (closed = true));
      await sleep(100);
      expect(closed).toBe(false);
      release.open();
      await closing;
      expect(finished).toBe(true);
      bus = null;
    });

    it('counts waiting and active drains in stats()', async () => {
      if (!ok) return;
      const release = gate();
      const began = gate();
      const q = await started({
        drain: async () => {
          began.open();
          await release.opened;
        },
      });
      await q.signalConversation('s1');
      await began.opened;
      await waitFor(async () => (await q.stats()).inboundActive === 1, 'one active drain');
      release.open();
      await waitFor(async () => (await q.stats()).inboundActive === 0, 'no active drain');
      await q.ping();
    });

    it("consumes a channel's deliveries only while told to (the channel owner), others from the start", async () => {
      if (!ok) return;
      const delivered: string[] = [];
      const release = gate();
      let holding = false;
      let drained = 0;
      bus = await fixture.make();
      const q = bus;
      await q.start(
        handlers({
          drain: async () => void drained++,
          deliver: async (job) => {
            if (job.entryId === 'tg-slow') {
              holding = true;
              await release.opened;
            }
            delivered.push(job.entryId);
          },
        }),
        { consume: true, deliveries: ['webchat'] },
      );
      const tg = (entryId: string): OutboundJob => ({ entryId, conversationId: 'c2', channel: 'telegram', threadId: '42' });
      await q.enqueueDelivery(tg('tg-1'));
      await q.enqueueDelivery(outbound('wc-1'));
      await q.signalConversation('d1');
      await waitFor(() => delivered.includes('wc-1') && drained === 1, 'web chat delivered and a drain');
      await sleep(150);
      expect(delivered).toEqual(['wc-1']); // telegram waits for its owner

      await q.consumeDeliveries('telegram', true);
      await q.consumeDeliveries('telegram', true); // already on: nothing changes
      await waitFor(() => delivered.includes('tg-1'), 'telegram delivered once consumed');

      // Stopping waits for the delivery in hand; what is queued afterwards stays queued.
      await q.enqueueDelivery(tg('tg-slow'));
      await waitFor(() => holding, 'slow delivery began');
      let stopped = false;
      const stopping = q.consumeDeliveries('telegram', false).then(() => (stopped = true));
      await sleep(100);
      expect(stopped).toBe(false);
      release.open();
      await stopping;
      expect(delivered).toContain('tg-slow');
      await q.enqueueDelivery(tg('tg-2'));
      await sleep(150);
      expect(delivered).not.toContain('tg-2');
      expect((await q.stats()).outboundWaiting).toBe(1);

      // Consumed again (another owner, or this one again): the waiting one goes out, once.
      await q.consumeDeliveries('telegram', true);
      await waitFor(() => delivered.includes('tg-2'), 'queued delivery sent by the next consumer');
      expect(delivered.filter((e) => e.startsWith('tg-')).sort()).toEqual(['tg-1', 'tg-2', 'tg-slow']);
    });

    it('remembers which entries were sent (markSent / wasSent), so a redelivered job is not sent twice', async () => {
      if (!ok) return;
      const q = await started({});
      expect(await q.wasSent('e-sent')).toBe(false);
      await q.markSent('e-sent');
      expect(await q.wasSent('e-sent')).toBe(true);
      expect(await q.wasSent('e-other')).toBe(false);
    });

    it('start({consume:false}) only produces: nothing is drained', async () => {
      if (!ok) return;
      let drained = 0;
      bus = await fixture.make();
      await bus.start(handlers({ drain: async () => void drained++ }), { consume: false });
      await bus.signalConversation('p1');
      await bus.ping();
      await sleep(100);
      expect(drained).toBe(0);
      expect((await bus.stats()).inboundWaiting).toBe(1);
    });
  });
}

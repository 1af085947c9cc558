/**
 * Where a channel's outbound pacing keeps its state: when each chat may next receive a message,
 * and what the channel-wide cap needs (a GCRA "theoretical arrival time" for Telegram, the slots
 * of the last window for WhatsApp). The pacers (telegram/pacer.ts, whatsapp/pacing.ts) decide how
 * long to wait; this port only keeps the numbers, each step atomic so concurrent sends never take
 * the same slot.
 *
 * MemoryPacingState keeps them in this process (one process, or tests). With Redis the service
 * passes a shared implementation (src/app/shared-pacing.ts), so a channel's next owner process
 * continues the previous owner's pacing after a failover instead of starting afresh.
 *
 * Times are milliseconds on the caller's clock (Date.now() scale in production).
 */
export interface RateSlotRule {
  /** Time between two global slots (1000 / messages per second). */
  emissionMs: number;
  /** How far ahead of the steady rate a burst may run (GCRA tolerance). */
  toleranceMs: number;
  /** The chat's quiet time after its slot. */
  chatIntervalMs: number;
}

export interface WindowSlotRule {
  chatIntervalMs: number;
  /** At most this many slots in any `windowMs`. */
  perWindow: number;
  windowMs: number;
}

export interface PacingState {
  /** Time before which the chat must not receive a message (0 or a past time when it may). */
  chatReadyAt(chatId: string): Promise<number>;
  /** Keeps the chat quiet until at least `until` (never shortens a longer hold). */
  holdChat(chatId: string, until: number, now: number): Promise<void>;
  /**
   * Global rate as GCRA: takes the next global slot at or after `now` and holds the chat until
   * that slot + chatIntervalMs. Returns the slot's time. Does not look at the chat's own hold
   * (the caller waited for it first, so a slow chat never holds back the others).
   */
  takeRateSlot(chatId: string, now: number, rule: RateSlotRule): Promise<number>;
  /**
   * Rolling window, slots in order: the next slot for the chat is not before the chat is ready,
   * not before the latest slot handed out, and not before the `perWindow`-th previous slot plus
   * `windowMs`. Holds the chat until that slot + chatIntervalMs. Returns the slot's time.
   */
  takeWindowSlot(chatId: string, now: number, rule: WindowSlotRule): Promise<number>;
}

const SWEEP_AT = 10_000;

/** The state in this process's memory. Each call completes before the next starts (no awaits inside). */
export class MemoryPacingState implements PacingState {
  private readonly readyAt = new Map<string, number>();
  private tat = 0;
  private slots: number[] = [];

  async chatReadyAt(chatId: string): Promise<number> {
    return this.readyAt.get(chatId) ?? 0;
  }

  async holdChat(chatId: string, until: number, now: number): Promise<void> {
    this.raise(chatId, until, now);
  }

  async takeRateSlot(chatId: string, now: number, rule: RateSlotRule): Promise<number> {
    const at = Math.max(now, this.tat - rule.toleranceMs);
    this.tat = Math.max(this.tat, at) + rule.emissionMs;
    this.raise(chatId, at + rule.chatIntervalMs, now);
    return at;
  }

  async takeWindowSlot(chatId: string, now: number, rule: WindowSlotRule): Promise<number> {
    const keepFrom = this.slots.findIndex((t) => t > now - rule.windowMs);
    if (keepFrom === -1) this.slots = [];
    else if (keepFrom > 0) this.slots = this.slots.slice(keepFrom);
    let at = Math.max(now, this.readyAt.get(chatId) ?? 0);
    const latest = this.slots[this.slots.length - 1];
    if (latest !== undefined) at = Math.max(at, latest);
    const nthPrevious = this.slots[this.slots.length - rule.perWindow];
    if (nthPrevious !== undefined) at = Math.max(at, nthPrevious + rule.windowMs);
    this.slots.push(at);
    this.raise(chatId, at + rule.chatIntervalMs, now);
    return at;
  }

  private raise(chatId: string, until: number, now: number): void {
    if ((this.readyAt.get(chatId) ?? 0) < until) this.readyAt.set(chatId, until);
    if (this.readyAt.size < SWEEP_AT) return;
    // A hold in the past changes nothing: forgetting it is safe.
    for (const [chat, t] of this.readyAt) if (t <= now) this.readyAt.delete(chat);
  }
}

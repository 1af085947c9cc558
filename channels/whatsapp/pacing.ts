/**
 * Pure pacing arithmetic: when may the next message to a chat go out? Each call reserves a slot,
 * so concurrent sends queue up instead of bursting. Slots are handed out in order across chats
 * (a later caller never overtakes an earlier one), which keeps the global cap a simple check:
 * the N-th previous slot must be at least a minute old.
 */
export class Pacer {
  private readonly lastPerChat = new Map<string, number>();
  private slots: number[] = [];

  constructor(
    private readonly perChatIntervalMs: number,
    private readonly perMinute: number,
  ) {}

  /** Reserves the next slot for chatId and returns how long to wait from `now` (0 = send now). */
  reserve(chatId: string, now: number): number {
    this.prune(now);
    let at = now;
    const last = this.lastPerChat.get(chatId);
    if (last !== undefined) at = Math.max(at, last + this.perChatIntervalMs);
    const latest = this.slots[this.slots.length - 1];
    if (latest !== undefined) at = Math.max(at, latest);
    const nthPrevious = this.slots[this.slots.length - this.perMinute];
    if (nthPrevious !== undefined) at = Math.max(at, nthPrevious + 60_000);
    this.slots.push(at);
    this.lastPerChat.set(chatId, at);
    return at - now;
  }

  private prune(now: number): void {
    const keepFrom = this.slots.findIndex((t) => t > now - 60_000);
    if (keepFrom === -1) this.slots = [];
    else if (keepFrom > 0) this.slots = this.slots.slice(keepFrom);
    for (const [chat, t] of this.lastPerChat) if (t + this.perChatIntervalMs <= now) this.lastPerChat.delete(chat);
  }
}

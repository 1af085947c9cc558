/**
 * Pacing arithmetic: when may the next message to a chat go out? Each call reserves a slot, so
 * concurrent sends queue up instead of bursting. Slots are handed out in order across chats (a
 * later caller never overtakes an earlier one), which keeps the global cap a simple check: the
 * N-th previous slot must be at least a minute old.
 *
 * The slots live in a PacingState (../shared/pacing-state.ts): this process's memory by default,
 * Redis when the service shares them, so the channel's next owner process keeps the pace and the
 * per-minute cap across a failover.
 */
import { MemoryPacingState, type PacingState } from '../shared/pacing-state';

const MINUTE_MS = 60_000;

export class Pacer {
  constructor(
    private readonly perChatIntervalMs: number,
    private readonly perMinute: number,
    private readonly state: PacingState = new MemoryPacingState(),
  ) {}

  /** Reserves the next slot for chatId and returns how long to wait from `now` (0 = send now). */
  async reserve(chatId: string, now: number): Promise<number> {
    const at = await this.state.takeWindowSlot(chatId, now, {
      chatIntervalMs: this.perChatIntervalMs,
      perWindow: this.perMinute,
      windowMs: MINUTE_MS,
    });
    return Math.max(0, at - now);
  }
}

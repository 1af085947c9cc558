/**
 * Outbound pacing to Telegram's limits: about 1 message/s per chat, 20/min per group, and 30/s
 * overall (a token bucket as GCRA: bursts up to one second's worth, then one slot per 1/30 s).
 * A chat first waits for its own next slot, and only then takes a global slot, so a slow group
 * never holds back unrelated chats. Callers keep per-chat order by calling acquire() for a chat
 * only after its previous message went out (the sender chains them).
 *
 * The numbers live in a PacingState (../shared/pacing-state.ts): this process's memory by default,
 * Redis when the service shares them, so the channel's next owner process keeps the pace.
 */
import { MemoryPacingState, type PacingState } from '../shared/pacing-state';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref?.()),
};

export interface PacingOptions {
  perChatIntervalMs: number;
  globalPerSecond: number;
  groupPerMinute: number;
}

/** Telegram group and supergroup ids are negative; users' private chats are positive. */
export const isGroupChat = (chatId: string): boolean => chatId.startsWith('-');

export class Pacer {
  private readonly emission: number;
  private readonly tolerance: number;

  constructor(
    private readonly options: PacingOptions,
    private readonly clock: Clock,
    private readonly state: PacingState = new MemoryPacingState(),
  ) {
    this.emission = 1000 / options.globalPerSecond;
    this.tolerance = this.emission * (Math.max(1, Math.floor(options.globalPerSecond)) - 1);
  }

  intervalFor(chatId: string): number {
    const { perChatIntervalMs, groupPerMinute } = this.options;
    return isGroupChat(chatId) ? Math.max(perChatIntervalMs, 60_000 / groupPerMinute) : perChatIntervalMs;
  }

  /** Resolves when `chatId` may receive its next message. */
  async acquire(chatId: string): Promise<void> {
    const chatWait = (await this.state.chatReadyAt(chatId)) - this.clock.now();
    if (chatWait > 0) await this.clock.sleep(chatWait);
    const now = this.clock.now();
    const at = await this.state.takeRateSlot(chatId, now, {
      emissionMs: this.emission,
      toleranceMs: this.tolerance,
      chatIntervalMs: this.intervalFor(chatId),
    });
    if (at > now) await this.clock.sleep(at - now);
  }

  /** After a 429: keep this chat quiet for `ms` (the queue retries the failed message then). */
  async defer(chatId: string, ms: number): Promise<void> {
    const now = this.clock.now();
    await this.state.holdChat(chatId, now + ms, now);
  }
}

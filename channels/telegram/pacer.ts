/**
 * Outbound pacing to Telegram's limits: about 1 message/s per chat, 20/min per group, and 30/s
 * overall (a token bucket as GCRA: bursts up to one second's worth, then one slot per 1/30 s).
 * A chat first waits for its own next slot, and only then takes a global slot, so a slow group
 * never holds back unrelated chats. Callers keep per-chat order by calling acquire() for a chat
 * only after its previous message went out (the sender chains them).
 */
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
  private readonly nextForChat = new Map<string, number>();
  private tat = 0;
  private readonly emission: number;
  private readonly tolerance: number;

  constructor(
    private readonly options: PacingOptions,
    private readonly clock: Clock,
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
    const chatWait = (this.nextForChat.get(chatId) ?? 0) - this.clock.now();
    if (chatWait > 0) await this.clock.sleep(chatWait);
    const now = this.clock.now();
    const at = Math.max(now, this.tat - this.tolerance);
    this.tat = Math.max(this.tat, at) + this.emission;
    this.nextForChat.set(chatId, at + this.intervalFor(chatId));
    this.sweep(now);
    if (at > now) await this.clock.sleep(at - now);
  }

  /** After a 429: keep this chat quiet for `ms` (the queue retries the failed message then). */
  defer(chatId: string, ms: number): void {
    const until = this.clock.now() + ms;
    if ((this.nextForChat.get(chatId) ?? 0) < until) this.nextForChat.set(chatId, until);
  }

  private sweep(now: number): void {
    if (this.nextForChat.size < 10_000) return;
    for (const [chat, next] of this.nextForChat) if (next <= now) this.nextForChat.delete(chat);
  }
}

/**
 * Voice and video calls: the helpdesk cannot take them. Reject the call and, at most once per
 * chat per cooldown, tell the caller (one-to-one chats only) to type the message instead.
 */
import type { WhatsAppConfig } from './config';
import { isIndividualChat } from './mapper';
import type { WhatsAppSender } from './sender';
import type { WaCall, WaLogger } from './wa-types';

export class CallResponder {
  private readonly lastReply = new Map<string, number>();

  constructor(
    private readonly config: WhatsAppConfig,
    private readonly sender: WhatsAppSender,
    private readonly log: WaLogger,
    private readonly now: () => number,
  ) {}

  async handle(call: WaCall): Promise<void> {
    if (call.fromMe || call.isGroup || !isIndividualChat(call.from)) return;
    const from = call.from;
    await call.reject().catch((err: unknown) => this.log.warn('WhatsApp call reject failed', { from, err }));
    const now = this.now();
    const last = this.lastReply.get(from);
    if (last !== undefined && now - last < this.config.callReplyCooldownMs) return;
    this.lastReply.set(from, now);
    if (this.lastReply.size > 10_000) {
      for (const [chat, t] of this.lastReply) if (now - t >= this.config.callReplyCooldownMs) this.lastReply.delete(chat);
    }
    // The caller reached out first, so the reply is a direct answer (not a proactive message).
    this.sender.noteInbound(from, now);
    await this.sender
      .send(from, [this.config.callReplyText])
      .catch((err: unknown) => this.log.warn('WhatsApp call reply not sent', { from, err }));
  }
}

/**
 * The front door every channel uses: validate, store the message as pending (the store is the
 * mailbox and de-duplicates by channel + external id), then wake the conversation's drain.
 * If the queue cannot take the signal, the stored entry is withdrawn and the caller gets a
 * TransientError (HTTP 503): nothing is acknowledged that cannot be processed.
 */
import { TransientError, UserInputError } from '../domain/errors';
import type { ConversationOwner } from '../domain/ids';
import type { InboundMessage } from '../domain/messages';
import type { EventBus, QueueBus } from '../queue/port';
import type { Store } from '../store/port';
import { noopMetrics, type Metrics } from '../metrics/port';
import { cleanDisplayName, cleanUserText, MAX_MESSAGE_CHARS } from './text-input';
import { publishEntries } from './live-events';

export interface AcceptOutcome {
  duplicate: boolean;
  entryId: string;
  conversationId: string;
  /** Who answers the conversation as the message arrives ('waiting'/'officer': a human, so no bot typing). */
  owner: ConversationOwner;
}

export interface EngineIngress {
  accept(message: InboundMessage): Promise<AcceptOutcome>;
}

export function createIngress(deps: { store: Store; queue: QueueBus; events: EventBus; metrics?: Metrics }): EngineIngress {
  const { store, queue, events } = deps;
  const metrics = deps.metrics ?? noopMetrics;
  return {
    async accept(message) {
      const text = cleanUserText(message.text);
      if (!text && !message.media?.length) throw new UserInputError('Pesan kosong. Silakan tulis pesan Anda.');
      if (text.length > MAX_MESSAGE_CHARS) {
        throw new UserInputError(`Pesan terlalu panjang (maksimal ${MAX_MESSAGE_CHARS} karakter). Silakan persingkat pesan Anda.`);
      }
      if (!message.externalId || message.externalId.length > 200) throw new UserInputError('Id pesan tidak valid.');
      const accepted = await store.acceptInbound({
        channel: message.channel,
        threadId: message.threadId,
        senderId: message.senderId,
        senderName: cleanDisplayName(message.senderName),
        externalId: message.externalId,
        text,
        media: message.media?.map((m) => (m.fileName === undefined ? m : { ...m, fileName: cleanDisplayName(m.fileName) ?? 'berkas' })),
        ...(message.buttonContext ? { buttonContext: message.buttonContext.slice(0, 64) } : {}),
        at: message.receivedAt,
      });
      const outcome = { duplicate: accepted.duplicate, entryId: accepted.entry.id, conversationId: accepted.conversation.id, owner: accepted.conversation.owner };
      if (accepted.duplicate && accepted.entry.state !== 'pending') return outcome;
      try {
        await queue.signalConversation(accepted.conversation.id);
      } catch (err) {
        if (!accepted.duplicate) await store.withdrawInbound(accepted.entry.id).catch(() => undefined);
        throw err instanceof TransientError ? err : new TransientError('Antrean pesan sedang tidak tersedia. Silakan coba lagi sebentar lagi.');
      }
      if (!accepted.duplicate) {
        metrics.messageIn(message.channel);
        publishEntries(events, accepted.conversation, [accepted.entry]);
      }
      return outcome;
    },
  };
}

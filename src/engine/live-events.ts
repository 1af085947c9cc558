/** Topic names and publishing of live events (console views, the web chat stream). */
import type { EventBus } from '../queue/port';
import type { Conversation, TranscriptEntry } from '../store/port';

export const conversationTopic = (conversationId: string) => `conversation:${conversationId}`;
export const webchatTopic = (sessionId: string) => `webchat:${sessionId}`;
export const INBOX_TOPIC = 'inbox';

/** Fire-and-forget: a live view missing an event catches up from the transcript. */
export function publishEntries(events: EventBus, conversation: Pick<Conversation, 'id' | 'channel' | 'threadId'>, entries: TranscriptEntry[]): void {
  for (const entry of entries) {
    const event = { kind: 'entry', conversationId: conversation.id, entry };
    void events.publish(conversationTopic(conversation.id), event).catch(() => undefined);
    if (conversation.channel === 'webchat') void events.publish(webchatTopic(conversation.threadId), event).catch(() => undefined);
  }
}

export function publishInbox(events: EventBus, event: Record<string, unknown>): void {
  void events.publish(INBOX_TOPIC, event).catch(() => undefined);
}

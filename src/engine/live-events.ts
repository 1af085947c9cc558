/** Topic names and publishing of live events (console views, the web chat stream). */
import type { EventBus } from '../queue/port';
import type { Conversation, TranscriptEntry } from '../store/port';

export const conversationTopic = (conversationId: string) => `conversation:${conversationId}`;
export const webchatTopic = (sessionId: string) => `webchat:${sessionId}`;
export const INBOX_TOPIC = 'inbox';

/** Waits before the retries of a failed publish (a Redis blip); then the event is given up. */
const RETRY_DELAYS_MS = [100, 400, 1500];

/**
 * Fire-and-forget, retried a few times: a stream that still misses an entry fills the gap from
 * the transcript when the next entry arrives (src/engine/entry-feed.ts), or on reconnect.
 */
function publish(events: EventBus, topic: string, event: Record<string, unknown>, attempt = 0): void {
  events.publish(topic, event).catch(() => {
    const delay = RETRY_DELAYS_MS[attempt];
    if (delay !== undefined) setTimeout(() => publish(events, topic, event, attempt + 1), delay).unref();
  });
}

export function publishEntries(events: EventBus, conversation: Pick<Conversation, 'id' | 'channel' | 'threadId'>, entries: TranscriptEntry[]): void {
  for (const entry of entries) {
    const event = { kind: 'entry', conversationId: conversation.id, entry };
    publish(events, conversationTopic(conversation.id), event);
    if (conversation.channel === 'webchat') publish(events, webchatTopic(conversation.threadId), event);
  }
}

export function publishInbox(events: EventBus, event: Record<string, unknown>): void {
  publish(events, INBOX_TOPIC, event);
}

/**
 * The web chat's sessions and transcript view, on the store and the ingress. A session's token
 * is random and only its SHA-256 is stored; the session id is the conversation's thread id.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { WebchatBackend, WebchatMessage } from '../../channels/webchat/backend';
import { NotFoundError, UnauthorizedError } from '../domain/errors';
import type { EventBus } from '../queue/port';
import type { Store, TranscriptEntry } from '../store/port';
import type { EngineIngress } from './ingress';
import { EntryFeed } from './entry-feed';
import { webchatTopic } from './live-events';

const SESSIONS = 'webchat-sessions';

interface SessionDoc {
  tokenHash: string;
  createdAt: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest();
/** System entries without words (markers) are not shown to the citizen. */
const isVisible = (e: TranscriptEntry) => e.from !== 'system' || !!e.text;

export function toWebchatMessage(entry: TranscriptEntry): WebchatMessage {
  return {
    id: entry.id,
    from: entry.from === 'user' ? 'user' : entry.from === 'agent' ? 'agent' : 'bot',
    text: entry.text,
    ...(entry.options?.length ? { options: entry.options } : {}),
    at: new Date(entry.at).toISOString(),
  };
}

export function createWebchatBackend(deps: { store: Store; ingress: EngineIngress; events: EventBus; now: () => number }): WebchatBackend {
  const { store, ingress, events } = deps;
  return {
    async createSession() {
      const sessionId = randomBytes(16).toString('base64url');
      const token = randomBytes(32).toString('base64url');
      await store.putDoc<SessionDoc>(SESSIONS, sessionId, { tokenHash: hashToken(token).toString('hex'), createdAt: deps.now() });
      return { sessionId, token };
    },

    async authorize(sessionId, token) {
      const session = await store.getDoc<SessionDoc>(SESSIONS, sessionId);
      if (!session) throw new NotFoundError('Sesi obrolan tidak ditemukan. Silakan mulai sesi baru.');
      const expected = Buffer.from(session.tokenHash, 'hex');
      if (!token || !timingSafeEqual(hashToken(token), expected)) throw new UnauthorizedError('Token sesi obrolan tidak valid.');
    },

    async send(sessionId, text, clientMessageId) {
      const outcome = await ingress.accept({
        channel: 'webchat',
        threadId: sessionId,
        senderId: sessionId,
        externalId: clientMessageId ?? randomUUID(),
        text,
        receivedAt: deps.now(),
      });
      return { id: outcome.entryId };
    },

    async history(sessionId, after) {
      const conversation = await store.findConversation('webchat', sessionId);
      const afterSeq = after ? Number(after) : 0;
      if (!conversation) return { messages: [], cursor: String(afterSeq) };
      const entries = await store.transcript(conversation.id, afterSeq, 500);
      const visible = entries.filter(isVisible);
      const cursor = entries.length ? String(entries[entries.length - 1]!.seq) : String(afterSeq);
      return { messages: visible.map(toWebchatMessage), cursor };
    },

    async follow(sessionId, after, listener, onInterrupted) {
      const feed = new EntryFeed({
        store,
        conversationId: async () => (await store.findConversation('webchat', sessionId))?.id ?? null,
        afterSeq: after ? Number(after) : 0,
        visible: isVisible,
        emit: (entry) => listener({ ...toWebchatMessage(entry), cursor: String(entry.seq) }),
        onError: onInterrupted,
      });
      const unsubscribe = await events.listen(
        webchatTopic(sessionId),
        (event) => {
          const entry = event.entry as TranscriptEntry | undefined;
          if (entry && typeof entry.seq === 'number') feed.push(entry);
        },
        onInterrupted,
      );
      return {
        start: () => feed.start(),
        close() {
          feed.close();
          unsubscribe();
        },
      };
    },
  };
}

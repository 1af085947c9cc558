/**
 * The web chat's sessions and transcript view, on the store and the ingress. A session's token
 * is random and only its SHA-256 is stored; the session id is the conversation's thread id.
 * A session ends after `sessionIdleMs` without a request from its client (401 with
 * SessionExpiredError); the widget then starts a new one.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { WebchatBackend, WebchatMessage } from '../../channels/webchat/backend';
import type { AttachmentSink } from '../../channels/types';
import { NotFoundError, SessionExpiredError, UnauthorizedError } from '../domain/errors';
import type { EventBus } from '../queue/port';
import type { Store, TranscriptEntry } from '../store/port';
import type { EngineIngress } from './ingress';
import { EntryFeed } from './entry-feed';
import { webchatTopic } from './live-events';

/** Store documents of web chat sessions, keyed by session id (= the conversation's thread id). */
export const WEBCHAT_SESSIONS = 'webchat-sessions';
const SESSIONS = WEBCHAT_SESSIONS;

export interface WebchatSessionDoc {
  tokenHash: string;
  createdAt: number;
  /** Last request of the client (updated at most every few minutes); absent: createdAt. */
  lastSeenAt?: number;
}
type SessionDoc = WebchatSessionDoc;
/** Default idle time after which a session ends. */
export const WEBCHAT_SESSION_IDLE_MS = 24 * 60 * 60_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest();
/** System entries without words (markers) are not shown to the citizen. */
const isVisible = (e: TranscriptEntry) => e.from !== 'system' || !!e.text;

export function toWebchatMessage(entry: TranscriptEntry): WebchatMessage {
  return {
    id: entry.id,
    from: entry.from === 'user' ? 'user' : entry.from === 'agent' ? 'agent' : 'bot',
    text: entry.text,
    ...(entry.options?.length ? { options: entry.options.map((o) => ({ label: o.label, value: o.value })) } : {}),
    ...(entry.media?.length
      ? { attachments: entry.media.map((m) => ({ name: m.fileName ?? (m.kind === 'image' ? 'foto' : 'berkas'), type: m.mimeType, size: m.sizeBytes })) }
      : {}),
    at: new Date(entry.at).toISOString(),
  };
}

export function createWebchatBackend(deps: {
  store: Store;
  ingress: EngineIngress;
  events: EventBus;
  attachments: AttachmentSink;
  now: () => number;
  sessionIdleMs?: number;
}): WebchatBackend {
  const { store, ingress, events } = deps;
  const handledBy = (owner: string) => (owner === 'waiting' || owner === 'officer' ? ('human' as const) : ('bot' as const));
  const idleMs = deps.sessionIdleMs ?? WEBCHAT_SESSION_IDLE_MS;
  // lastSeenAt is written at most this often (a polling widget must not write on every poll).
  const touchEveryMs = Math.min(5 * 60_000, Math.floor(idleMs / 10));
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
      const now = deps.now();
      const lastSeenAt = session.lastSeenAt ?? session.createdAt;
      if (now - lastSeenAt > idleMs) throw new SessionExpiredError();
      if (now - lastSeenAt >= touchEveryMs) await store.putDoc<SessionDoc>(SESSIONS, sessionId, { ...session, lastSeenAt: now });
    },

    async send(sessionId, text, clientMessageId) {
      const outcome = await ingress.accept({
        channel: 'webchat',
        threadId: sessionId,
        senderId: sessionId,
        // Namespaced by session: another session's clientMessageId ("1", or one sent in the same
        // millisecond) must never make this message look like a duplicate.
        externalId: clientMessageId ? `${sessionId}:${clientMessageId}` : randomUUID(),
        text,
        receivedAt: deps.now(),
      });
      return { id: outcome.entryId, handledBy: handledBy(outcome.owner) };
    },

    async sendAttachment(sessionId, file, text, clientMessageId) {
      // Stored (fsynced) before it is accepted: a file is acknowledged only once it is kept.
      const ref = await deps.attachments.save(file);
      const outcome = await ingress.accept({
        channel: 'webchat',
        threadId: sessionId,
        senderId: sessionId,
        externalId: clientMessageId ? `${sessionId}:${clientMessageId}` : randomUUID(),
        text,
        media: [ref],
        receivedAt: deps.now(),
      });
      return { id: outcome.entryId, handledBy: handledBy(outcome.owner) };
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

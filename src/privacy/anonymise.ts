/**
 * What an anonymised conversation, transcript entry and ticket look like. Pure functions shared
 * by both store adapters, so SQLite and MongoDB anonymise alike.
 *
 * Kept for statistics: channel, dates, seq and sender kind of every message, agency, service,
 * ticket link, officer ids; ticket category, agency, service, priority, status, dates, SLA and
 * rating. Removed: the sender's name, contact, NIP and platform address (the WhatsApp number or
 * Telegram id is the thread id and part of message ids), dialogue state, attachment files and
 * names; texts are scrubbed (src/privacy/scrub.ts).
 */
import type { MediaRef } from '../domain/messages';
import type { Conversation, Ticket, TranscriptEntry } from '../store/port';
import { scrubDeep } from './scrub';

/** senderId of anonymised conversations and ticket reporters; also how they are recognised. */
export const ANONYMOUS = 'anonim';
export const ANONYMOUS_THREAD_PREFIX = 'anonim:';

export const isAnonymisedConversation = (c: Pick<Conversation, 'threadId'>): boolean => c.threadId.startsWith(ANONYMOUS_THREAD_PREFIX);
export const isAnonymisedTicket = (t: Pick<Ticket, 'reporter'>): boolean => t.reporter.senderId === ANONYMOUS;

/** Media reference without the file and its name; the key of the released file is collected. */
export function stripMedia(media: MediaRef[] | undefined, released: Set<string>): MediaRef[] | undefined {
  if (!media) return undefined;
  return media.map((m) => {
    if (m.storageKey) released.add(m.storageKey);
    return { kind: m.kind, mimeType: m.mimeType, sizeBytes: m.sizeBytes };
  });
}

export function anonymiseConversationDoc(c: Conversation, now: number): Conversation {
  return {
    ...c,
    threadId: `${ANONYMOUS_THREAD_PREFIX}${c.id}`,
    identity: { senderId: ANONYMOUS },
    owner: c.owner === 'waiting' || c.owner === 'officer' ? 'closed' : c.owner,
    flow: null,
    outbox: [],
    waitingSince: null,
    unreachable: true,
    updatedAt: now,
  };
}

/** New id: the old one holds the platform's message id (a WhatsApp id holds the phone number). */
export function anonymisedEntryId(conversationId: string, seq: number): string {
  return `${conversationId}:${ANONYMOUS}:${seq}`;
}

export function anonymiseEntry(e: TranscriptEntry, scrub: (s: string) => string, released: Set<string>): TranscriptEntry {
  const out: TranscriptEntry = {
    id: anonymisedEntryId(e.conversationId, e.seq),
    conversationId: e.conversationId,
    seq: e.seq,
    from: e.from,
    text: scrub(e.text ?? ''),
    state: 'processed',
    at: e.at,
  };
  if (e.options) out.options = scrubDeep(e.options, scrub);
  if (e.links) out.links = e.links;
  const media = stripMedia(e.media, released);
  if (media) out.media = media;
  if (e.officerId) out.officerId = e.officerId;
  return out;
}

/** An entry of someone else's conversation that mentions the person: only its text changes. */
export function scrubEntry(e: TranscriptEntry, scrub: (s: string) => string): TranscriptEntry {
  const out: TranscriptEntry = { ...e, text: scrub(e.text ?? '') };
  if (e.options) out.options = scrubDeep(e.options, scrub);
  return out;
}

/** Dates stay as they were (statistics); new free-text fields of Ticket must be added here. */
export function anonymiseTicketDoc(t: Ticket, scrub: (s: string) => string, released: Set<string>): Ticket {
  return {
    ...t,
    summary: scrub(t.summary),
    description: scrub(t.description),
    reporter: { conversationId: t.reporter.conversationId, channel: t.reporter.channel, senderId: ANONYMOUS },
    attachments: stripMedia(t.attachments, released) ?? [],
    history: t.history.map((h) => (h.note === undefined ? h : { ...h, note: scrub(h.note) })),
    survey: t.survey ? { rating: t.survey.rating, at: t.survey.at, ...(t.survey.comment ? { comment: scrub(t.survey.comment) } : {}) } : null,
  };
}

/**
 * What the privacy module needs from storage beyond src/store/port.ts: scans that find a person
 * in every record, and the rewrites that anonymise. Adapters: src/store/sqlite/privacy-store.ts
 * and src/store/mongo/privacy-store.ts, on the main store's open database; both pass
 * test/contract/privacy-store.contract.ts.
 *
 * Scans take a JavaScript predicate or a regular expression (JavaScript and PCRE compatible):
 * they are rare operator actions or a daily job, not the hot path.
 */
import type { Channel } from '../domain/ids';
import type { AuditEvent, Delivery, Identity } from '../store/port';

export interface ConversationProbe {
  id: string;
  channel: Channel;
  threadId: string;
  identity: Identity;
}

export interface TicketProbe {
  number: string;
  reporter: { conversationId: string; channel: Channel; senderId: string; name?: string; contact?: string; nip?: string };
}

export interface EntryHit {
  id: string;
  conversationId: string;
  from: string;
}

export interface AnonymisedConversation {
  /** Transcript entries rewritten. */
  entries: number;
  /** Storage keys of attachment files no longer referenced by this conversation. */
  released: string[];
}

export interface StoredAudit {
  /** Opaque key of the stored event (row id, ObjectId). */
  key: string;
  event: AuditEvent;
}

export interface PersonalDataStore {
  /** Ids of the conversations (not yet anonymised) whose probe matches. */
  findConversations(match: (c: ConversationProbe) => boolean): Promise<string[]>;
  /** Numbers of the tickets (not yet anonymised) whose reporter matches. */
  findTickets(match: (t: TicketProbe) => boolean): Promise<string[]>;
  /** Transcript entries whose text matches `pattern` (case-insensitive). */
  findEntries(pattern: string): Promise<EntryHit[]>;
  /**
   * Conversations not anonymised whose last message is older than `before`, oldest first;
   * `offset` skips the first ones (those a caller decided to keep).
   */
  idleConversations(before: number, limit: number, offset?: number): Promise<string[]>;
  /** Closed tickets (selesai, ditutup, ditolak) not anonymised and unchanged since `before`, oldest first. */
  closedTicketsBefore(before: number, limit: number, offset?: number): Promise<string[]>;

  /**
   * Anonymises one conversation and its transcript in one step (src/privacy/anonymise.ts):
   * texts through `scrub`, new entry ids, no identity, thread or dialogue state, no attachment
   * files. Null when the conversation is unknown or already anonymised.
   */
  anonymiseConversation(id: string, scrub: (text: string) => string, now: number): Promise<AnonymisedConversation | null>;
  /**
   * Replaces the ticket's idempotency key (it may hold the message id of the turn that opened
   * it, and a WhatsApp message id holds the phone number) by one derived from the number.
   */
  forgetTicketKey(number: string): Promise<void>;
  /** Rewrites the texts of single entries (in other people's conversations); returns how many changed. */
  scrubEntries(ids: string[], scrub: (text: string) => string): Promise<number>;
  /**
   * Scrubs the dialogue state and pending replies of other people's conversations (a mention
   * may sit in a flow's collected answers); version-checked like every conversation write.
   */
  scrubConversationState(ids: string[], scrub: (text: string) => string): Promise<void>;

  deliveriesOf(conversationIds: string[]): Promise<Delivery[]>;
  /** Deletes the delivery records of these conversations; returns how many. */
  deleteDeliveriesOf(conversationIds: string[]): Promise<number>;
  /** Deletes delivery records last updated before `before`; returns how many. */
  deleteDeliveriesBefore(before: number): Promise<number>;

  /** Audit events whose actor, target or details match `pattern` (case-insensitive). */
  findAudit(pattern: string): Promise<StoredAudit[]>;
  replaceAudit(key: string, event: AuditEvent): Promise<void>;
  /** Deletes audit events older than `before`; returns how many. */
  deleteAuditBefore(before: number): Promise<number>;

  /**
   * Knowledge-gap events (src/knowledge: the bot's unanswered questions, with numbers already
   * masked) of these conversations, and their scrubbing; returns how many changed.
   */
  botEventsOf(conversationIds: string[]): Promise<Record<string, unknown>[]>;
  scrubBotEvents(conversationIds: string[], scrub: (text: string) => string): Promise<number>;

  /** Which of these attachment keys are still referenced by a transcript entry or a ticket. */
  referencedAttachments(keys: string[]): Promise<Set<string>>;

  /**
   * After an erasure: makes sure removed content does not linger in the database files (SQLite:
   * merge the full-text indexes, checkpoint and truncate the WAL). Returns false when that could not be completed now.
   */
  flush(): Promise<boolean>;
}

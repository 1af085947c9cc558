/**
 * The one storage port. Domain code (engine, tickets, officer API) sees only this; adapters:
 * src/store/sqlite (embedded default under DATA_DIR) and src/store/mongo (MONGODB_URI).
 * Both pass test/contract/store.contract.ts.
 *
 * Every method that writes is durable when its promise resolves (the embedded store survives a
 * crash of the process after that point). Writes that the pipeline may repeat after a crash are
 * idempotent by construction: deterministic entry ids, ticket idempotency keys, version checks.
 */
import type {
  AgencyId,
  Channel,
  ConversationOwner,
  OfficerRole,
  ServiceId,
  TicketCategory,
  TicketPriority,
  TicketStatus,
} from '../domain/ids';
import type { MediaRef, ReplyLink, ReplyOption, Sender } from '../domain/messages';

export interface Identity {
  senderId: string;
  name?: string;
  /** Contact the user gave (phone or e-mail). */
  contact?: string;
  /** NIP of an ASN user, once given. */
  nip?: string;
}

export interface Conversation {
  id: string;
  channel: Channel;
  threadId: string;
  identity: Identity;
  owner: ConversationOwner;
  /** Officer holding the chat when owner = 'officer'. */
  officerId: string | null;
  /** Agency whose officers should see it (from the service, or the koordinator's queue). */
  agency: AgencyId | null;
  service: ServiceId | null;
  /** Dialogue state owned by src/dialogue; opaque JSON to the store. */
  flow: Record<string, unknown> | null;
  /** Ticket linked to the conversation (the last one created or attached). */
  ticketNumber: string | null;
  /** Optimistic-concurrency version, +1 on every saveConversation. */
  version: number;
  /**
   * Highest user-entry seq whose turn is committed. The engine saves it together with `outbox`
   * (the replies of that turn) in one conversation write: the commit point of a turn. If the
   * process dies before the replies reach the transcript, the next drain replays the outbox.
   */
  processedSeq: number;
  outbox: NewEntry[];
  /** Set when owner became 'waiting'. */
  waitingSince: number | null;
  /** The platform said the user cannot be reached (e.g. blocked the bot). */
  unreachable: boolean;
  createdAt: number;
  updatedAt: number;
  /** Kept by the store: raised by acceptInbound/appendEntries; saveConversation never lowers it. */
  lastMessageAt: number;
}

export interface TranscriptEntry {
  /** Deterministic: user entries `<conversationId>:in:<externalId>`; replies derived from the inbound entry id. */
  id: string;
  conversationId: string;
  /** Position in the conversation, increasing; the web chat cursor. */
  seq: number;
  from: Sender;
  text: string;
  options?: ReplyOption[];
  links?: ReplyLink[];
  media?: MediaRef[];
  /** The platform's message id, for user entries. */
  externalId?: string;
  /** User entries: 'pending' until a turn processed them. */
  state?: 'pending' | 'processed';
  officerId?: string;
  /** User entries from a pressed button: the context key of the question it belonged to. */
  buttonContext?: string;
  /** Bot entries with options: the context key of their question (sent to channels with buttons). */
  context?: string;
  at: number;
}

export interface AcceptResult {
  conversation: Conversation;
  entry: TranscriptEntry;
  /** true when (channel, externalId) was already stored: nothing new was written. */
  duplicate: boolean;
}

export interface NewEntry {
  id: string;
  from: Sender;
  text: string;
  options?: ReplyOption[];
  links?: ReplyLink[];
  media?: MediaRef[];
  officerId?: string;
  context?: string;
  at: number;
}

export interface TicketHistoryItem {
  at: number;
  /** 'bot', 'system', an officer id, or the reporter's conversation id. */
  by: string;
  /**
   * 'tanggapan': the reporter's answer to an officer's question (note = its text).
   * 'catatan': an internal note (never shown to the reporter). 'penugasan': assigned to an officer
   * (from/to: officer ids, '' for nobody). 'prioritas': priority changed (from/to). The reporter
   * sees only the actions listed in src/dialogue/handlers/lacak.ts.
   */
  action: 'dibuat' | 'status' | 'dialihkan' | 'catatan' | 'eskalasi' | 'survei' | 'tanggapan' | 'penugasan' | 'prioritas';
  from?: string;
  to?: string;
  note?: string;
  /** 'tanggapan': files sent with the answer. */
  attachments?: MediaRef[];
  /** 'tanggapan': the transcript entry it came from (makes adding it idempotent). */
  entryId?: string;
}

export interface TicketSla {
  responseDueAt: number;
  resolveDueAt: number;
  /** Accumulated ms the clock was paused (waiting on the citizen). */
  pausedMs: number;
  pausedSince: number | null;
  /** Escalation levels already fired (e.g. 'pengelola-layanan', 'koordinator-layanan'). */
  escalated: string[];
}

export interface Ticket {
  number: string;
  category: TicketCategory;
  service: ServiceId | null;
  /** Primary agency (routing); coAgencies are visible co-owners. */
  agency: AgencyId;
  coAgencies: AgencyId[];
  priority: TicketPriority;
  status: TicketStatus;
  summary: string;
  description: string;
  reporter: {
    conversationId: string;
    channel: Channel;
    senderId: string;
    name?: string;
    contact?: string;
    nip?: string;
  };
  attachments: MediaRef[];
  history: TicketHistoryItem[];
  sla: TicketSla;
  survey: { rating: number; comment?: string; at: number } | null;
  assignee: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewTicket extends Omit<Ticket, 'number' | 'history' | 'status' | 'survey' | 'assignee' | 'createdAt' | 'updatedAt'> {
  /** Same key twice returns the first ticket (a re-run turn never opens a second one). */
  idempotencyKey: string;
  /**
   * Start of the number, e.g. 'HD-261123-' (date in Asia/Jakarta, computed by src/tickets). The store
   * appends the next value of the counter named by this prefix, zero-padded to 4 digits
   * ('HD-261123-0001'), in the same atomic step that inserts the ticket.
   */
  numberPrefix: string;
  createdAt: number;
  createdBy: string;
}

export interface ConversationFilter {
  owner?: ConversationOwner[];
  agencies?: AgencyId[];
  /** Conversations whose identity contact is exactly one of these stored values (the contact view). */
  contacts?: string[];
  /** Default 100. Results are by last message, newest first. */
  limit?: number;
}

export interface TicketFilter {
  status?: TicketStatus[];
  category?: TicketCategory;
  service?: ServiceId;
  /** Tickets whose primary agency or co-agencies include one of these (scope). */
  agencies?: AgencyId[];
  reporterConversationId?: string;
  /** Tickets whose reporter contact is exactly one of these stored values (the contact view). */
  reporterContacts?: string[];
  /** Tickets whose resolve clock runs and whose `ticketResolveDeadline` is before this instant. */
  overdueAt?: number;
  /** Tickets assigned to this officer. */
  assignee?: string;
  priority?: TicketPriority[];
  /** Default: no limit. Results are newest first (createdAt descending). */
  limit?: number;
  /** Results to skip (paging), default 0. */
  offset?: number;
}

/** Full-text search of tickets (the console's search box). */
export interface TicketSearch {
  /**
   * What the officer typed: words (every one must occur; the adapter builds its own query, this
   * is never query syntax) or a ticket number or the start of one ("HD-261123-00").
   */
  text: string;
  /** Scope: tickets whose primary agency or co-agencies include one of these. */
  agencies?: AgencyId[];
  limit: number;
  offset?: number;
}

export interface TicketSearchResult {
  /** Newest first (the order the tickets were created in). */
  tickets: Ticket[];
  /** More results after this page. */
  more: boolean;
}

/**
 * Bounds of one search (both adapters): only the newest SEARCH_SCAN_LIMIT matching tickets and
 * the newest SEARCH_MESSAGE_SCAN_LIMIT matching messages are considered, so a word found in
 * millions of messages still answers at once; the console asks for more words then.
 */
export const SEARCH_SCAN_LIMIT = 1000;
export const SEARCH_MESSAGE_SCAN_LIMIT = 2000;

/** Statuses in which no SLA clock runs any more. */
export const CLOSED_TICKET_STATUSES: readonly TicketStatus[] = ['selesai', 'ditutup', 'ditolak'];

/**
 * The effective resolve deadline used by `TicketFilter.overdueAt`: resolveDueAt shifted by the
 * accumulated pause; null while the clock is paused (pausedSince set) or the ticket is closed.
 */
export function ticketResolveDeadline(t: Pick<Ticket, 'status' | 'sla'>): number | null {
  if (CLOSED_TICKET_STATUSES.includes(t.status) || t.sla.pausedSince !== null) return null;
  return t.sla.resolveDueAt + t.sla.pausedMs;
}

export interface Officer {
  id: string;
  email: string;
  name: string;
  role: OfficerRole;
  agency: AgencyId;
  passwordHash: string;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface AuditEvent {
  at: number;
  actor: string;
  action: string;
  target: string;
  details?: Record<string, unknown>;
}

/** Audit trail query: every given field must match (`from` inclusive, `to` exclusive, epoch ms). */
export interface AuditFilter {
  target?: string;
  actor?: string;
  action?: string;
  from?: number;
  to?: number;
  limit?: number;
  offset?: number;
}

export interface Delivery {
  /** Transcript entry id being delivered. */
  id: string;
  conversationId: string;
  channel: Channel;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  updatedAt: number;
}

export interface Store {
  /** Opens files/connections; creates indexes. */
  open(): Promise<void>;
  close(): Promise<void>;
  /** Cheap round trip for /readyz. */
  ping(): Promise<void>;

  // Conversations and transcript
  /** Finds or creates the conversation for (channel, threadId), then stores the user entry as 'pending'. */
  acceptInbound(input: {
    channel: Channel;
    threadId: string;
    senderId: string;
    senderName?: string;
    externalId: string;
    text: string;
    media?: MediaRef[];
    buttonContext?: string;
    at: number;
  }): Promise<AcceptResult>;
  /** Removes a pending entry that could not be queued (the API answered 503). No-op when processed. */
  withdrawInbound(entryId: string): Promise<void>;
  getConversation(id: string): Promise<Conversation | null>;
  findConversation(channel: Channel, threadId: string): Promise<Conversation | null>;
  /**
   * Writes `next` when the stored version equals `expectedVersion` and returns it with version+1;
   * null when someone else saved first (the caller reloads and retries).
   */
  saveConversation(next: Conversation, expectedVersion: number): Promise<Conversation | null>;
  /** Most recent activity first (lastMessageAt descending); default limit 100. */
  listConversations(filter: ConversationFilter): Promise<Conversation[]>;
  /** Pending user entries of a conversation in seq order. */
  pendingEntries(conversationId: string, limit?: number): Promise<TranscriptEntry[]>;
  /** Conversations that have pending user entries older than `before` (crash recovery sweep). */
  conversationsWithPending(before: number, limit?: number): Promise<string[]>;
  /**
   * Appends entries (ids already present are skipped) and marks the given user entries processed.
   * Returns the stored entries for the given ids (new or already present) in seq order.
   */
  appendEntries(conversationId: string, entries: NewEntry[], processedEntryIds?: string[]): Promise<TranscriptEntry[]>;
  /** Entries with seq > afterSeq (default 0), ascending; default: no limit. */
  transcript(conversationId: string, afterSeq?: number, limit?: number): Promise<TranscriptEntry[]>;

  // Tickets
  createTicket(input: NewTicket): Promise<Ticket>;
  getTicket(number: string): Promise<Ticket | null>;
  /** Applies `change` to the ticket atomically (read-modify-write with retry inside the adapter). */
  updateTicket(number: string, change: (t: Ticket) => Ticket): Promise<Ticket>;
  listTickets(filter: TicketFilter): Promise<Ticket[]>;
  /**
   * Tickets whose number starts with the text, or whose summary and description, or one message
   * of their reporter's conversation (user and officer messages), contain every word of it
   * (a word matches words that start with it; case and diacritics do not matter). Bounded by
   * SEARCH_SCAN_LIMIT / SEARCH_MESSAGE_SCAN_LIMIT. Words are letters and digits; text with
   * none gives no result.
   */
  searchTickets(query: TicketSearch): Promise<TicketSearchResult>;

  // Counters
  /** Atomically increments and returns the counter (first call returns 1). */
  nextCounter(name: string): Promise<number>;

  // Officers and audit
  /** Inserts or updates by id; the e-mail is unique case-insensitively (ConflictError otherwise). */
  upsertOfficer(officer: Omit<Officer, 'createdAt' | 'updatedAt'> & { createdAt?: number }): Promise<Officer>;
  getOfficer(id: string): Promise<Officer | null>;
  findOfficerByEmail(email: string): Promise<Officer | null>;
  listOfficers(filter?: { agency?: AgencyId; role?: OfficerRole }): Promise<Officer[]>;
  appendAudit(event: AuditEvent): Promise<void>;
  /** Newest first; default limit 100, `offset` events skipped (paging). */
  listAudit(filter: AuditFilter): Promise<AuditEvent[]>;

  // Outbound deliveries (failed ones stay visible)
  /** Inserts or replaces the delivery with this id. */
  recordDelivery(delivery: Delivery): Promise<void>;
  /** Most recently updated first; default limit 100. */
  listDeliveries(filter: { status?: Delivery['status']; limit?: number }): Promise<Delivery[]>;
  /**
   * Marks 'pending' deliveries last updated before `updatedBefore` as 'failed' (their retries
   * ran out without a final record, e.g. the worker died): lastError becomes `reason` followed by
   * the last error in parentheses, updatedAt `now`. A delivery updated meanwhile is left alone.
   * Returns how many were marked.
   */
  failStaleDeliveries(updatedBefore: number, reason: string, now: number): Promise<number>;

  // Small key/value documents: web-chat session secrets, Telegram notification groups, canned responses.
  getDoc<T>(collection: string, key: string): Promise<T | null>;
  putDoc<T>(collection: string, key: string, value: T): Promise<void>;
  deleteDoc(collection: string, key: string): Promise<void>;
  listDocs<T>(collection: string): Promise<{ key: string; value: T }[]>;
}

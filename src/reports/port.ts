/**
 * Storage port of the evaluation reports: the few facts per ticket and per conversation that
 * the figures need, selected and grouped by the database (indexes on creation time and message
 * time), never whole documents. Adapters: src/store/sqlite/reports-store.ts and
 * src/store/mongo/reports-store.ts on the main store's open database; both pass
 * test/contract/reports-store.contract.ts.
 */
import type { AgencyId, Channel, ServiceId, TicketCategory, TicketPriority, TicketStatus } from '../domain/ids';
import type { BotEventKind } from '../knowledge/port';

/** Periods are whole days in Asia/Jakarta (src/reports/period.ts makes no other kind). */
export interface PeriodQuery {
  /** Inclusive start, epoch ms (00:00 WIB). */
  from: number;
  /** Exclusive end, epoch ms (00:00 WIB). */
  to: number;
}

export interface TicketQuery extends PeriodQuery {
  /** Tickets whose primary agency or a co-agency is one of these; null: every agency. */
  agencies: AgencyId[] | null;
  service: ServiceId | null;
}

/** A status change: [at, from, to]. */
export type Transition = [number, string, string];

export interface TicketFact {
  number: string;
  category: TicketCategory;
  status: TicketStatus;
  priority: TicketPriority;
  service: ServiceId | null;
  agency: AgencyId;
  channel: Channel;
  createdAt: number;
  updatedAt: number;
  responseDueAt: number;
  resolveDueAt: number;
  pausedMs: number;
  pausedSince: number | null;
  /** Status changes in the order they happened. */
  transitions: Transition[];
  rating: number | null;
  /** The survey's comment (free text of the reporter) and when the rating was given. */
  comment: string | null;
  ratedAt: number | null;
}

export interface ConversationFact {
  channel: Channel;
  /** The conversation's agency (set when it went to the human queue), or null; only with `withScope`. */
  agency: AgencyId | null;
  /** The service the conversation is about, or null; only with `withScope`. */
  service: ServiceId | null;
  /** Messages in the period by who wrote them. */
  user: number;
  bot: number;
  agent: number;
  /** A ticket was opened from this conversation in the period. */
  ticket: boolean;
  /** The conversation was handed to the human queue in the period. */
  handoff: boolean;
}

export interface SurveyComment {
  ticket: string;
  rating: number;
  comment: string;
  at: number;
}

export interface ReportsStore {
  /** Creates indexes (MongoDB); no-op for SQLite, whose schema comes from migrations. */
  init(): Promise<void>;
  /** Tickets created in the period, oldest first, streamed. */
  ticketFacts(query: TicketQuery): AsyncIterable<TicketFact>;
  /**
   * Every conversation with at least one message in the period (scope is applied by the caller).
   * `withScope` also reads each conversation's agency and service (needed to filter by them;
   * costlier over a year).
   */
  conversationFacts(query: PeriodQuery & { withScope: boolean }): AsyncIterable<ConversationFact>;
  /** Bot events of the period by kind. */
  botEventCounts(query: TicketQuery): Promise<Partial<Record<BotEventKind, number>>>;
  /** Tickets open now (any creation date) and those of them past their resolution deadline. */
  backlog(query: Omit<TicketQuery, 'from' | 'to'> & { now: number }): Promise<{ open: number; overdue: number }>;
  /** true exactly once per (month, agency): the digest for it may be sent. */
  claimDigest(month: string, agency: AgencyId, at: number): Promise<boolean>;
}

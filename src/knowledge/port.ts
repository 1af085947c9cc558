/**
 * Storage port of knowledge management: what the bot could not do on its own (bot events, the
 * source of knowledge gaps and of the bot figures of the evaluation report), and FAQ entries
 * written in the console (drafts, published versions, withdrawals). Adapters:
 * src/store/sqlite/knowledge-store.ts and src/store/mongo/knowledge-store.ts, sharing the main
 * store's open database; both pass test/contract/knowledge-store.contract.ts.
 */
import type { AgencyId, Channel, ServiceId } from '../domain/ids';

export const BOT_EVENT_KINDS = ['handoff', 'unanswered', 'low_confidence', 'not_helpful'] as const;
export type BotEventKind = (typeof BOT_EVENT_KINDS)[number];
/** The kinds that are knowledge gaps (questions the bot could not answer well). */
export const GAP_KINDS: readonly BotEventKind[] = ['unanswered', 'low_confidence', 'not_helpful'];

export interface BotEvent {
  /** Deterministic per turn, so a re-run turn records nothing twice. */
  id: string;
  kind: BotEventKind;
  at: number;
  conversationId: string;
  channel: Channel;
  /** The agency the conversation belongs to (null: the general queue). */
  agency: AgencyId | null;
  service: ServiceId | null;
  /** The user's question with personal numbers and addresses masked (gaps only). */
  text?: string;
  /** The question as the NLU normalised it: the grouping key of gaps. */
  normalized?: string;
  confidence?: number;
}

export interface GapRow {
  normalized: string;
  /** The latest wording seen. */
  text: string;
  count: number;
  lastAt: number;
  kinds: Partial<Record<BotEventKind, number>>;
  service: ServiceId | null;
}

export interface GapQuery {
  from: number;
  to: number;
  /** Events of these agencies (null agency counts as the general queue's); null: all. */
  agencies: AgencyId[] | null;
  /** Distinct normalised questions returned, most frequent first. */
  limit: number;
}

export type EntryState = 'draft' | 'published' | 'withdrawn';

export interface EntryContent {
  service: ServiceId | null;
  questions: string[];
  answer: string;
}

export interface PublishedVersion extends EntryContent {
  version: number;
  publishedAt: number;
  publishedBy: string;
}

export interface KnowledgeEntry extends EntryContent {
  id: string;
  /** draft: never published; published: `live` answers users; withdrawn: no longer answers. */
  state: EntryState;
  /** The version users get while published (kept after withdrawal for the record). */
  live: PublishedVersion | null;
  /** +1 on every write (optimistic concurrency). */
  revision: number;
  /** The gap (normalised question) the entry was drafted from, if any. */
  gap: string | null;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
  /** Agency of the officer who drafted it (scope of drafts). */
  agency: AgencyId;
}

export interface KnowledgeStore {
  /** Creates indexes (MongoDB); no-op for SQLite, whose schema comes from migrations. */
  init(): Promise<void>;
  /** Inserts the event unless one with its id exists. */
  recordBotEvent(event: BotEvent): Promise<void>;
  /** Gap events grouped by normalised question, most frequent first. */
  gapGroups(query: GapQuery): Promise<GapRow[]>;

  createEntry(entry: KnowledgeEntry): Promise<void>;
  getEntry(id: string): Promise<KnowledgeEntry | null>;
  /** Newest change first. */
  listEntries(filter: { state?: EntryState; limit?: number }): Promise<KnowledgeEntry[]>;
  /**
   * Replaces the entry when its stored revision is `expectedRevision` (the new one is +1); when
   * `publish` is given the version is recorded and the published counter raised in the same
   * atomic step. Returns false when someone else wrote first.
   */
  saveEntry(entry: KnowledgeEntry, expectedRevision: number, effects?: { publish?: PublishedVersion; changesLive?: boolean }): Promise<boolean>;
  /** Every published version of an entry, oldest first. */
  versions(entryId: string): Promise<PublishedVersion[]>;
  /** Live entries (state published). */
  publishedEntries(): Promise<KnowledgeEntry[]>;
  /** Raised whenever what the bot answers changes (publish, withdraw): the cheap freshness check. */
  publishedVersion(): Promise<number>;
}

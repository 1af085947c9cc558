/** Knowledge gaps and console-written FAQ entries in the embedded store (tables of migration 3). */
import type Database from 'better-sqlite3';
import type { BotEvent, BotEventKind, EntryState, GapQuery, GapRow, KnowledgeEntry, KnowledgeStore, PublishedVersion } from '../../knowledge/port';
import { GAP_KINDS } from '../../knowledge/port';
import { inJson, type Params, SqliteAccess } from './sqlite-access';

/** Name of the counter raised whenever the published entries change. */
export const PUBLISHED_COUNTER = 'knowledge-published';

export class SqliteKnowledgeStore implements KnowledgeStore {
  private readonly db: SqliteAccess;

  constructor(database: () => Database.Database) {
    this.db = new SqliteAccess(database);
  }

  async init(): Promise<void> {
    // The schema is created by the migrations when the main store opens.
  }

  async recordBotEvent(e: BotEvent): Promise<void> {
    this.db.run(() =>
      this.db
        .q('INSERT OR IGNORE INTO bot_events (id, kind, at, conversation_id, channel, agency, service, normalized, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(e.id, e.kind, e.at, e.conversationId, e.channel, e.agency, e.service, e.normalized ?? null, JSON.stringify(e)),
    );
  }

  async gapGroups(query: GapQuery): Promise<GapRow[]> {
    const where = ['at >= ?', 'at < ?', inJson('kind'), 'normalized IS NOT NULL', "normalized <> ''"];
    const params: Params = [query.from, query.to, JSON.stringify(GAP_KINDS)];
    if (query.agencies !== null) {
      where.push(inJson(`coalesce(agency, 'diskominfo')`));
      params.push(JSON.stringify(query.agencies));
    }
    params.push(query.limit);
    // max(at) makes SQLite return the other bare columns (doc, service) of that latest row.
    const rows = this.db.run(
      () =>
        this.db
          .q(
            `SELECT normalized, count(*) AS n, max(at) AS last_at, doc ->> '$.text' AS text, service,
               sum(kind = 'unanswered') AS unanswered, sum(kind = 'low_confidence') AS low_confidence, sum(kind = 'not_helpful') AS not_helpful
             FROM bot_events WHERE ${where.join(' AND ')}
             GROUP BY normalized ORDER BY n DESC, last_at DESC LIMIT ?`,
          )
          .all(...params) as {
          normalized: string;
          n: number;
          last_at: number;
          text: string | null;
          service: string | null;
          unanswered: number;
          low_confidence: number;
          not_helpful: number;
        }[],
    );
    return rows.map((r) => {
      const kinds: Partial<Record<BotEventKind, number>> = {};
      if (r.unanswered) kinds.unanswered = r.unanswered;
      if (r.low_confidence) kinds.low_confidence = r.low_confidence;
      if (r.not_helpful) kinds.not_helpful = r.not_helpful;
      return { normalized: r.normalized, text: r.text ?? r.normalized, count: r.n, lastAt: r.last_at, kinds, service: r.service };
    });
  }

  async createEntry(entry: KnowledgeEntry): Promise<void> {
    this.db.run(() =>
      this.db.q('INSERT INTO knowledge_entries (id, state, revision, updated_at, doc) VALUES (?, ?, ?, ?, ?)').run(entry.id, entry.state, entry.revision, entry.updatedAt, JSON.stringify(entry)),
    );
  }

  async getEntry(id: string): Promise<KnowledgeEntry | null> {
    const row = this.db.run(() => this.db.q('SELECT doc FROM knowledge_entries WHERE id = ?').get(id) as { doc: string } | undefined);
    return row ? (JSON.parse(row.doc) as KnowledgeEntry) : null;
  }

  async listEntries(filter: { state?: EntryState; limit?: number }): Promise<KnowledgeEntry[]> {
    const where: string[] = [];
    const params: Params = [];
    if (filter.state) {
      where.push('state = ?');
      params.push(filter.state);
    }
    params.push(filter.limit ?? 500);
    return this.db.run(() =>
      (this.db.q(`SELECT doc FROM knowledge_entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id LIMIT ?`).all(...params) as { doc: string }[]).map(
        (r) => JSON.parse(r.doc) as KnowledgeEntry,
      ),
    );
  }

  async saveEntry(entry: KnowledgeEntry, expectedRevision: number, effects: { publish?: PublishedVersion; changesLive?: boolean } = {}): Promise<boolean> {
    return this.db.tx(() => {
      const next = { ...entry, revision: expectedRevision + 1 };
      const changed = this.db
        .q('UPDATE knowledge_entries SET state = ?, revision = ?, updated_at = ?, doc = ? WHERE id = ? AND revision = ?')
        .run(next.state, next.revision, next.updatedAt, JSON.stringify(next), next.id, expectedRevision).changes;
      if (changed !== 1) return false;
      if (effects.publish) {
        this.db.q('INSERT INTO knowledge_versions (entry_id, version, at, doc) VALUES (?, ?, ?, ?)').run(next.id, effects.publish.version, effects.publish.publishedAt, JSON.stringify(effects.publish));
      }
      if (effects.publish || effects.changesLive) {
        this.db.q('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1').run(PUBLISHED_COUNTER);
      }
      return true;
    });
  }

  async versions(entryId: string): Promise<PublishedVersion[]> {
    return this.db.run(() =>
      (this.db.q('SELECT doc FROM knowledge_versions WHERE entry_id = ? ORDER BY version').all(entryId) as { doc: string }[]).map((r) => JSON.parse(r.doc) as PublishedVersion),
    );
  }

  async publishedEntries(): Promise<KnowledgeEntry[]> {
    return this.listEntries({ state: 'published', limit: 100_000 });
  }

  async publishedVersion(): Promise<number> {
    const row = this.db.run(() => this.db.q('SELECT value FROM counters WHERE name = ?').get(PUBLISHED_COUNTER) as { value: number } | undefined);
    return row?.value ?? 0;
  }
}

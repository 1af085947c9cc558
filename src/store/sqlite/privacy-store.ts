/**
 * PersonalDataStore (src/privacy/port.ts) on the embedded SQLite file, through the main store's
 * open handle. Every rewrite of one conversation is one IMMEDIATE transaction. The connection
 * runs with `secure_delete` on, so what an anonymisation replaces is overwritten with zeros in
 * the file instead of lingering in free pages; flush() checkpoints and truncates the WAL.
 */
import type Database from 'better-sqlite3';
import type { Channel } from '../../domain/ids';
import { ANONYMOUS, ANONYMOUS_THREAD_PREFIX, anonymiseConversationDoc, anonymiseEntry, scrubEntry } from '../../privacy/anonymise';
import { scrubDeep } from '../../privacy/scrub';
import type { AnonymisedConversation, ConversationProbe, EntryHit, PersonalDataStore, StoredAudit, TicketProbe } from '../../privacy/port';
import type { AuditEvent, Conversation, Delivery, TranscriptEntry } from '../port';
import { CLOSED_TICKET_STATUSES } from '../port';
import { SqliteAccess } from './sqlite-access';

const MATCH_FN = 'hd_privacy_match';
const STORAGE_KEY_IN_JSON = /"storageKey":"([a-f0-9]{64}\.[a-z0-9]+)"/g;
const NOT_ANONYMISED_THREAD = `thread_id NOT LIKE '${ANONYMOUS_THREAD_PREFIX}%'`;

export class SqlitePersonalDataStore implements PersonalDataStore {
  private readonly access: SqliteAccess;
  private prepared: Database.Database | null = null;

  /** `database` returns the main store's open handle (it throws while the store is closed). */
  constructor(private readonly database: () => Database.Database) {
    this.access = new SqliteAccess(database);
  }

  async findConversations(match: (c: ConversationProbe) => boolean): Promise<string[]> {
    return this.run(() => {
      const out: string[] = [];
      const rows = this.q(`SELECT id, channel, thread_id, json_extract(doc, '$.identity') AS identity FROM conversations WHERE ${NOT_ANONYMISED_THREAD}`).iterate() as Iterable<{
        id: string;
        channel: string;
        thread_id: string;
        identity: string | null;
      }>;
      for (const r of rows) {
        const probe: ConversationProbe = { id: r.id, channel: r.channel as Channel, threadId: r.thread_id, identity: r.identity ? JSON.parse(r.identity) : { senderId: '' } };
        if (match(probe)) out.push(r.id);
      }
      return out;
    });
  }

  async findTickets(match: (t: TicketProbe) => boolean): Promise<string[]> {
    return this.run(() => {
      const out: string[] = [];
      const rows = this.q(
        `SELECT number, json_extract(doc, '$.reporter') AS reporter FROM tickets WHERE json_extract(doc, '$.reporter.senderId') IS NOT ?`,
      ).iterate(ANONYMOUS) as Iterable<{ number: string; reporter: string }>;
      for (const r of rows) if (match({ number: r.number, reporter: JSON.parse(r.reporter) })) out.push(r.number);
      return out;
    });
  }

  async findEntries(pattern: string): Promise<EntryHit[]> {
    return this.run(() =>
      this.q(`SELECT id, conversation_id AS conversationId, json_extract(doc, '$.from') AS "from" FROM entries WHERE ${MATCH_FN}(?, json_extract(doc, '$.text'))`).all(
        pattern,
      ) as EntryHit[],
    );
  }

  async idleConversations(before: number, limit: number, offset = 0): Promise<string[]> {
    return this.run(() =>
      (
        this.q(`SELECT id FROM conversations WHERE last_message_at < ? AND ${NOT_ANONYMISED_THREAD} ORDER BY last_message_at, id LIMIT ? OFFSET ?`).all(
          before,
          limit,
          offset,
        ) as { id: string }[]
      ).map((r) => r.id),
    );
  }

  async closedTicketsBefore(before: number, limit: number, offset = 0): Promise<string[]> {
    return this.run(() =>
      (
        this.q(
          `SELECT number FROM tickets
           WHERE status IN (SELECT value FROM json_each(?)) AND created_at < ? AND json_extract(doc, '$.updatedAt') < ?
             AND json_extract(doc, '$.reporter.senderId') IS NOT ?
           ORDER BY created_at, number LIMIT ? OFFSET ?`,
        ).all(JSON.stringify(CLOSED_TICKET_STATUSES), before, before, ANONYMOUS, limit, offset) as { number: string }[]
      ).map((r) => r.number),
    );
  }

  async anonymiseConversation(id: string, scrub: (text: string) => string, now: number): Promise<AnonymisedConversation | null> {
    return this.tx(() => {
      const row = this.q('SELECT id, channel, thread_id, version, last_message_at, doc FROM conversations WHERE id = ?').get(id) as
        | { id: string; channel: string; thread_id: string; version: number; last_message_at: number; doc: string }
        | undefined;
      if (!row || row.thread_id.startsWith(ANONYMOUS_THREAD_PREFIX)) return null;
      const current: Conversation = {
        ...(JSON.parse(row.doc) as Conversation),
        id: row.id,
        channel: row.channel as Channel,
        threadId: row.thread_id,
        version: row.version,
        lastMessageAt: row.last_message_at,
      };
      const next = anonymiseConversationDoc(current, now);
      this.q('UPDATE conversations SET thread_id = ?, owner = ?, version = version + 1, doc = ? WHERE id = ?').run(
        next.threadId,
        next.owner,
        JSON.stringify({ ...next, version: row.version + 1 }),
        id,
      );
      const released = new Set<string>();
      const entries = this.q('SELECT id, seq, doc FROM entries WHERE conversation_id = ? ORDER BY seq').all(id) as { id: string; seq: number; doc: string }[];
      const rewrite = this.q(`UPDATE entries SET id = ?, channel = NULL, external_id = NULL, state = 'processed', doc = ? WHERE id = ?`);
      for (const e of entries) {
        const entry = { ...(JSON.parse(e.doc) as TranscriptEntry), seq: e.seq };
        const { state: _state, ...doc } = anonymiseEntry(entry, scrub, released);
        void _state;
        rewrite.run(doc.id, JSON.stringify(doc), e.id);
      }
      return { entries: entries.length, released: [...released] };
    });
  }

  async forgetTicketKey(number: string): Promise<void> {
    this.run(() => this.q('UPDATE tickets SET idempotency_key = ? WHERE number = ?').run(`${ANONYMOUS}:${number}`, number));
  }

  async scrubEntries(ids: string[], scrub: (text: string) => string): Promise<number> {
    return this.tx(() => {
      let changed = 0;
      const read = this.q('SELECT seq, doc FROM entries WHERE id = ?');
      const write = this.q('UPDATE entries SET doc = ? WHERE id = ?');
      for (const id of new Set(ids)) {
        const row = read.get(id) as { seq: number; doc: string } | undefined;
        if (!row) continue;
        const before = JSON.parse(row.doc) as TranscriptEntry;
        const after = scrubEntry(before, scrub);
        if (after.text === before.text && JSON.stringify(after.options) === JSON.stringify(before.options)) continue;
        write.run(JSON.stringify(after), id);
        changed++;
      }
      return changed;
    });
  }

  async scrubConversationState(ids: string[], scrub: (text: string) => string): Promise<void> {
    this.tx(() => {
      const read = this.q('SELECT doc FROM conversations WHERE id = ?');
      const write = this.q('UPDATE conversations SET version = version + 1, doc = ? WHERE id = ?');
      for (const id of new Set(ids)) {
        const row = read.get(id) as { doc: string } | undefined;
        if (!row) continue;
        const c = JSON.parse(row.doc) as Conversation;
        const next = { ...c, flow: scrubDeep(c.flow, scrub), outbox: scrubDeep(c.outbox, scrub) };
        const doc = JSON.stringify(next);
        if (doc !== row.doc) write.run(doc, id);
      }
    });
  }

  async deliveriesOf(conversationIds: string[]): Promise<Delivery[]> {
    if (!conversationIds.length) return [];
    return this.run(() =>
      (
        this.q(`SELECT doc FROM deliveries WHERE json_extract(doc, '$.conversationId') IN (SELECT value FROM json_each(?)) ORDER BY updated_at`).all(
          JSON.stringify(conversationIds),
        ) as { doc: string }[]
      ).map((r) => JSON.parse(r.doc) as Delivery),
    );
  }

  async deleteDeliveriesOf(conversationIds: string[]): Promise<number> {
    if (!conversationIds.length) return 0;
    return this.run(
      () => this.q(`DELETE FROM deliveries WHERE json_extract(doc, '$.conversationId') IN (SELECT value FROM json_each(?))`).run(JSON.stringify(conversationIds)).changes,
    );
  }

  async deleteDeliveriesBefore(before: number): Promise<number> {
    return this.run(() => this.q('DELETE FROM deliveries WHERE updated_at < ?').run(before).changes);
  }

  async findAudit(pattern: string): Promise<StoredAudit[]> {
    return this.run(() =>
      (this.q(`SELECT id, doc FROM audit WHERE ${MATCH_FN}(?, doc) ORDER BY id`).all(pattern) as { id: number; doc: string }[]).map((r) => ({
        key: String(r.id),
        event: JSON.parse(r.doc) as AuditEvent,
      })),
    );
  }

  async replaceAudit(key: string, event: AuditEvent): Promise<void> {
    this.run(() => this.q('UPDATE audit SET at = ?, actor = ?, target = ?, doc = ? WHERE id = ?').run(event.at, event.actor, event.target, JSON.stringify(event), Number(key)));
  }

  async deleteAuditBefore(before: number): Promise<number> {
    return this.run(() => this.q('DELETE FROM audit WHERE at < ?').run(before).changes);
  }

  async botEventsOf(conversationIds: string[]): Promise<Record<string, unknown>[]> {
    if (!conversationIds.length) return [];
    return this.run(() =>
      (this.q(`SELECT doc FROM bot_events WHERE conversation_id IN (SELECT value FROM json_each(?)) ORDER BY at`).all(JSON.stringify(conversationIds)) as { doc: string }[]).map(
        (r) => JSON.parse(r.doc) as Record<string, unknown>,
      ),
    );
  }

  async scrubBotEvents(conversationIds: string[], scrub: (text: string) => string): Promise<number> {
    if (!conversationIds.length) return 0;
    return this.tx(() => {
      let changed = 0;
      const rows = this.q(`SELECT id, doc FROM bot_events WHERE conversation_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(conversationIds)) as { id: string; doc: string }[];
      const write = this.q('UPDATE bot_events SET normalized = ?, doc = ? WHERE id = ?');
      for (const r of rows) {
        const event = JSON.parse(r.doc) as { text?: string; normalized?: string };
        const next = { ...event, ...(event.text !== undefined ? { text: scrub(event.text) } : {}), ...(event.normalized !== undefined ? { normalized: scrub(event.normalized) } : {}) };
        const doc = JSON.stringify(next);
        if (doc === r.doc) continue;
        write.run(next.normalized ?? null, doc, r.id);
        changed++;
      }
      return changed;
    });
  }

  async referencedAttachments(keys: string[]): Promise<Set<string>> {
    const wanted = new Set(keys);
    const found = new Set<string>();
    if (!wanted.size) return found;
    this.run(() => {
      for (const sql of [`SELECT doc FROM entries WHERE instr(doc, '"storageKey"') > 0`, `SELECT doc FROM tickets WHERE instr(doc, '"storageKey"') > 0`]) {
        for (const r of this.q(sql).iterate() as Iterable<{ doc: string }>) {
          for (const m of r.doc.matchAll(STORAGE_KEY_IN_JSON)) if (wanted.has(m[1]!)) found.add(m[1]!);
        }
      }
    });
    return found;
  }

  async flush(): Promise<boolean> {
    return this.run(() => {
      // FTS5's secure-delete removes an erased text's postings, but a term can survive as a
      // separator key in the index b-tree until its segments are rewritten: merging them all
      // ('optimize') drops every erased term; secure_delete zeroes the pages it frees.
      for (const index of ['ticket_fts', 'entry_fts']) this.db().prepare(`INSERT INTO ${index} (${index}) VALUES ('optimize')`).run();
      const [result] = this.db().pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      return !result || result.busy === 0;
    });
  }

  // ---------------------------------------------------------------- internals

  /** The handle, prepared once: secure_delete on, and the regular-expression function registered. */
  private db(): Database.Database {
    const db = this.database();
    if (this.prepared !== db) {
      db.pragma('secure_delete = ON');
      const cache = new Map<string, RegExp>();
      db.function(MATCH_FN, { deterministic: true }, (pattern: unknown, text: unknown) => {
        if (typeof pattern !== 'string' || typeof text !== 'string' || !pattern) return 0;
        let re = cache.get(pattern);
        if (!re) {
          re = new RegExp(pattern, 'i');
          if (cache.size > 100) cache.clear();
          cache.set(pattern, re);
        }
        return re.test(text) ? 1 : 0;
      });
      this.prepared = db;
    }
    return db;
  }

  private q(sql: string): Database.Statement {
    this.db();
    return this.access.q(sql);
  }

  private tx<T>(fn: () => T): T {
    this.db();
    return this.access.tx(fn);
  }

  private run<T>(fn: () => T): T {
    return this.access.run(fn);
  }
}

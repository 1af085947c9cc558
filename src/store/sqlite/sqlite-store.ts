/**
 * The embedded store: one SQLite file (`helpdesk.sqlite`) under DATA_DIR, through better-sqlite3.
 *
 * Durability: WAL journal with `synchronous = NORMAL` by default. A commit is in the WAL file (the
 * OS page cache) before the promise resolves, so it survives a crash or SIGKILL of the process;
 * only an OS crash or power loss can lose the last commits (the file stays consistent). FULL adds
 * an fsync per commit for power-loss durability at a large cost in throughput; choose it with
 * `synchronous: 'FULL'`.
 *
 * Several processes (an API and a worker) may share the file: writers wait up to `busyTimeoutMs`
 * for the lock, and every multi-statement write is one IMMEDIATE transaction.
 */
import { closeSync, existsSync, openSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AgencyId, Channel, OfficerRole } from '../../domain/ids';
import { ConflictError, NotFoundError, TransientError } from '../../domain/errors';
import {
  ticketResolveDeadline,
  type AcceptResult,
  type AuditEvent,
  type AuditFilter,
  type Conversation,
  type ConversationFilter,
  type Delivery,
  type NewEntry,
  type NewTicket,
  type Officer,
  type Store,
  type Ticket,
  type TicketFilter,
  type TicketSearch,
  type TicketSearchResult,
  type TranscriptEntry,
  SEARCH_MESSAGE_SCAN_LIMIT,
  SEARCH_SCAN_LIMIT,
} from '../port';
import { searchTerms } from '../search-terms';
import { migrate } from './migrations';
import { mapBusy } from './sqlite-access';
import { ensurePrivateDir, makePrivateFile, PRIVATE_FILE_MODE } from '../../privacy/file-permissions';

export interface SqliteStoreOptions {
  dataDir: string;
  /** Default 'NORMAL' (survives a process crash); 'FULL' also survives power loss, slower. */
  synchronous?: 'NORMAL' | 'FULL';
  /** How long a writer waits for another process's lock before failing (TransientError). */
  busyTimeoutMs?: number;
  fileName?: string;
}

interface ConversationRow {
  id: string;
  channel: string;
  thread_id: string;
  version: number;
  last_message_at: number;
  last_seq: number;
  doc: string;
}
interface EntryRow {
  id: string;
  conversation_id: string;
  seq: number;
  state: string | null;
  doc: string;
}
interface TicketRow {
  number: string;
  version: number;
  doc: string;
}

type Params = (string | number | null)[];

const TICKET_EXTRA_KEYS = ['idempotencyKey', 'createdBy', 'numberPrefix'] as const;

export class SqliteStore implements Store {
  readonly file: string;
  private db: Database.Database | null = null;
  private readonly stmts = new Map<string, Database.Statement>();

  constructor(private readonly options: SqliteStoreOptions) {
    this.file = path.join(options.dataDir, options.fileName ?? 'helpdesk.sqlite');
  }

  async open(): Promise<void> {
    if (this.db) return;
    // Personal data: the folder 0700, the file 0600 before SQLite opens it (its -wal and -shm
    // files get the same mode), and fixed on every open.
    ensurePrivateDir(this.options.dataDir);
    if (!existsSync(this.file)) closeSync(openSync(this.file, 'a', PRIVATE_FILE_MODE));
    const db = new Database(this.file, { timeout: this.options.busyTimeoutMs ?? 5000 });
    try {
      db.pragma(`busy_timeout = ${Math.floor(this.options.busyTimeoutMs ?? 5000)}`);
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (String(mode).toLowerCase() !== 'wal') throw new Error(`SQLite menolak mode WAL (${String(mode)}) untuk ${this.file}`);
      db.pragma(`synchronous = ${this.options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
      db.pragma('journal_size_limit = 67108864');
      db.pragma('cache_size = -32768');
      db.pragma('foreign_keys = OFF');
      // What is deleted or rewritten (an anonymisation, an erasure) is overwritten with zeros.
      db.pragma('secure_delete = ON');
      migrate(db);
      for (const f of [this.file, `${this.file}-wal`, `${this.file}-shm`]) makePrivateFile(f);
    } catch (err) {
      db.close();
      throw err;
    }
    this.db = db;
  }

  /**
   * The open better-sqlite3 handle, for the adapters of other aggregates
   * (src/store/sqlite/<thing>-store.ts) that keep their tables in the same file. TransientError
   * before open().
   */
  database(): Database.Database {
    return this.conn();
  }

  async close(): Promise<void> {
    if (!this.db) return;
    this.stmts.clear();
    this.txRunner = null;
    this.db.close();
    this.db = null;
  }

  async ping(): Promise<void> {
    this.run(() => this.q('SELECT 1').get());
  }

  /** For tests and operators: PRAGMA integrity_check result ('ok' when consistent). */
  integrityCheck(): string {
    return this.run(() => String(this.conn().pragma('integrity_check', { simple: true })));
  }

  // ---------------------------------------------------------------- conversations and transcript

  async acceptInbound(input: Parameters<Store['acceptInbound']>[0]): Promise<AcceptResult> {
    return this.run(() => this.tx(() => {
      const dup = this.q('SELECT * FROM entries WHERE channel = ? AND external_id = ?').get(input.channel, input.externalId) as EntryRow | undefined;
      if (dup) {
        const convRow = this.q('SELECT * FROM conversations WHERE id = ?').get(dup.conversation_id) as ConversationRow;
        return { conversation: toConversation(convRow), entry: toEntry(dup), duplicate: true };
      }
      let row = this.q('SELECT * FROM conversations WHERE channel = ? AND thread_id = ?').get(input.channel, input.threadId) as ConversationRow | undefined;
      if (!row) {
        const conv: Conversation = {
          id: randomUUID(),
          channel: input.channel,
          threadId: input.threadId,
          identity: input.senderName === undefined ? { senderId: input.senderId } : { senderId: input.senderId, name: input.senderName },
          owner: 'bot',
          officerId: null,
          agency: null,
          service: null,
          flow: null,
          ticketNumber: null,
          version: 0,
          processedSeq: 0,
          outbox: [],
          waitingSince: null,
          unreachable: false,
          createdAt: input.at,
          updatedAt: input.at,
          lastMessageAt: input.at,
        };
        this.q(
          `INSERT INTO conversations (id, channel, thread_id, owner, agency, version, last_seq, last_message_at, doc)
           VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?)`,
        ).run(conv.id, conv.channel, conv.threadId, conv.owner, conv.agency, conv.lastMessageAt, JSON.stringify(conv));
        row = { id: conv.id, channel: conv.channel, thread_id: conv.threadId, version: 0, last_seq: 0, last_message_at: input.at, doc: JSON.stringify(conv) };
      }
      const seq = row.last_seq + 1;
      const lastMessageAt = Math.max(row.last_message_at, input.at);
      this.q('UPDATE conversations SET last_seq = ?, last_message_at = ? WHERE id = ?').run(seq, lastMessageAt, row.id);
      const entry: TranscriptEntry = {
        id: `${row.id}:in:${input.externalId}`,
        conversationId: row.id,
        seq,
        from: 'user',
        text: input.text,
        ...(input.media && input.media.length ? { media: input.media } : {}),
        ...(input.buttonContext ? { buttonContext: input.buttonContext } : {}),
        externalId: input.externalId,
        state: 'pending',
        at: input.at,
      };
      this.insertEntry(entry, input.channel);
      return { conversation: toConversation({ ...row, last_seq: seq, last_message_at: lastMessageAt }), entry, duplicate: false };
    }));
  }

  async withdrawInbound(entryId: string): Promise<void> {
    this.run(() => this.q(`DELETE FROM entries WHERE id = ? AND state = 'pending'`).run(entryId));
  }

  async getConversation(id: string): Promise<Conversation | null> {
    return this.run(() => {
      const row = this.q('SELECT * FROM conversations WHERE id = ?').get(id) as ConversationRow | undefined;
      return row ? toConversation(row) : null;
    });
  }

  async findConversation(channel: Channel, threadId: string): Promise<Conversation | null> {
    return this.run(() => {
      const row = this.q('SELECT * FROM conversations WHERE channel = ? AND thread_id = ?').get(channel, threadId) as ConversationRow | undefined;
      return row ? toConversation(row) : null;
    });
  }

  async saveConversation(next: Conversation, expectedVersion: number): Promise<Conversation | null> {
    return this.run(() => {
      const doc = JSON.stringify(next);
      const row = this.q(
        `UPDATE conversations SET owner = ?, agency = ?, version = version + 1, last_message_at = max(last_message_at, ?), doc = ?
         WHERE id = ? AND version = ? RETURNING channel, thread_id, version, last_message_at`,
      ).get(next.owner, next.agency ?? null, next.lastMessageAt ?? 0, doc, next.id, expectedVersion) as Omit<ConversationRow, 'doc'> | undefined;
      if (!row) return null;
      // What was written, without re-parsing it (hot path); channel and thread never change.
      const saved = JSON.parse(doc) as Conversation;
      return { ...saved, channel: row.channel as Channel, threadId: row.thread_id, version: row.version, lastMessageAt: row.last_message_at };
    });
  }

  async listConversations(filter: ConversationFilter): Promise<Conversation[]> {
    return this.run(() => {
      const where: string[] = [];
      const params: Params = [];
      if (filter.owner) inList(where, params, 'owner', filter.owner);
      if (filter.agencies) inList(where, params, 'agency', filter.agencies);
      if (filter.contacts) inList(where, params, 'contact', filter.contacts);
      params.push(limitOf(filter.limit, 100));
      const sql = `SELECT * FROM conversations ${whereSql(where)} ORDER BY last_message_at DESC, rowid DESC LIMIT ?`;
      return (this.q(sql).all(...params) as ConversationRow[]).map(toConversation);
    });
  }

  async pendingEntries(conversationId: string, limit?: number): Promise<TranscriptEntry[]> {
    return this.run(() =>
      (this.q(`SELECT * FROM entries WHERE conversation_id = ? AND state = 'pending' ORDER BY seq LIMIT ?`).all(conversationId, limitOf(limit, -1)) as EntryRow[]).map(toEntry),
    );
  }

  async conversationsWithPending(before: number, limit?: number): Promise<string[]> {
    return this.run(() =>
      (
        this.q(
          `SELECT conversation_id AS id, min(at) AS first FROM entries WHERE state = 'pending' AND at < ?
           GROUP BY conversation_id ORDER BY first LIMIT ?`,
        ).all(before, limitOf(limit, 100)) as { id: string }[]
      ).map((r) => r.id),
    );
  }

  async appendEntries(conversationId: string, entries: NewEntry[], processedEntryIds: string[] = []): Promise<TranscriptEntry[]> {
    return this.run(() => this.tx(() => {
      const conv = this.q('SELECT id, last_seq, last_message_at FROM conversations WHERE id = ?').get(conversationId) as
        | Pick<ConversationRow, 'id' | 'last_seq' | 'last_message_at'>
        | undefined;
      if (!conv) throw new NotFoundError(`Percakapan ${conversationId} tidak ditemukan.`);
      let seq = conv.last_seq;
      let lastAt = conv.last_message_at;
      const out: TranscriptEntry[] = [];
      const getById = this.q('SELECT * FROM entries WHERE id = ?');
      for (const e of entries) {
        const existing = getById.get(e.id) as EntryRow | undefined;
        if (existing) {
          out.push(toEntry(existing));
          continue;
        }
        seq += 1;
        lastAt = Math.max(lastAt, e.at);
        const entry: TranscriptEntry = { ...stripUndefined(e), conversationId, seq };
        this.insertEntry(entry, null);
        out.push(entry);
      }
      if (seq !== conv.last_seq || lastAt !== conv.last_message_at) {
        this.q('UPDATE conversations SET last_seq = ?, last_message_at = ? WHERE id = ?').run(seq, lastAt, conversationId);
      }
      const mark = this.q(`UPDATE entries SET state = 'processed' WHERE id = ? AND conversation_id = ? AND state = 'pending'`);
      for (const id of processedEntryIds) mark.run(id, conversationId);
      return out.sort((a, b) => a.seq - b.seq);
    }));
  }

  async transcript(conversationId: string, afterSeq = 0, limit?: number): Promise<TranscriptEntry[]> {
    return this.run(() =>
      (this.q('SELECT * FROM entries WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(conversationId, afterSeq, limitOf(limit, -1)) as EntryRow[]).map(
        toEntry,
      ),
    );
  }

  // ---------------------------------------------------------------- tickets

  async createTicket(input: NewTicket): Promise<Ticket> {
    return this.run(() => this.tx(() => {
      const existing = this.q('SELECT * FROM tickets WHERE idempotency_key = ?').get(input.idempotencyKey) as TicketRow | undefined;
      if (existing) return toTicket(existing);
      const n = this.counter(input.numberPrefix);
      const rest: Record<string, unknown> = { ...input };
      for (const k of TICKET_EXTRA_KEYS) delete rest[k];
      const ticket: Ticket = {
        ...(rest as Omit<Ticket, 'number' | 'history' | 'status' | 'survey' | 'assignee' | 'createdAt' | 'updatedAt'>),
        number: `${input.numberPrefix}${String(n).padStart(4, '0')}`,
        status: 'baru',
        history: [{ at: input.createdAt, by: input.createdBy, action: 'dibuat', to: 'baru' }],
        survey: null,
        assignee: null,
        createdAt: input.createdAt,
        updatedAt: input.createdAt,
      };
      this.q(
        `INSERT INTO tickets (number, idempotency_key, status, category, service, agency, reporter_conversation_id, due_at, created_at, version, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
      ).run(
        ticket.number,
        input.idempotencyKey,
        ticket.status,
        ticket.category,
        ticket.service ?? null,
        ticket.agency,
        ticket.reporter.conversationId,
        ticketResolveDeadline(ticket),
        ticket.createdAt,
        JSON.stringify(ticket),
      );
      this.writeTicketAgencies(ticket);
      return ticket;
    }));
  }

  async getTicket(number: string): Promise<Ticket | null> {
    return this.run(() => {
      const row = this.q('SELECT * FROM tickets WHERE number = ?').get(number) as TicketRow | undefined;
      return row ? toTicket(row) : null;
    });
  }

  async updateTicket(number: string, change: (t: Ticket) => Ticket): Promise<Ticket> {
    // The IMMEDIATE transaction holds the write lock from the read to the write: no lost update,
    // even across processes.
    return this.run(() => this.tx(() => {
      const row = this.q('SELECT * FROM tickets WHERE number = ?').get(number) as TicketRow | undefined;
      if (!row) throw new NotFoundError(`Tiket ${number} tidak ditemukan.`);
      const next: Ticket = { ...change(toTicket(row)), number };
      this.q(
        `UPDATE tickets SET status = ?, category = ?, service = ?, agency = ?, reporter_conversation_id = ?, due_at = ?, version = version + 1, doc = ?
         WHERE number = ?`,
      ).run(next.status, next.category, next.service ?? null, next.agency, next.reporter.conversationId, ticketResolveDeadline(next), JSON.stringify(next), number);
      this.q('DELETE FROM ticket_agencies WHERE number = ?').run(number);
      this.writeTicketAgencies(next);
      return next;
    }));
  }

  async listTickets(filter: TicketFilter): Promise<Ticket[]> {
    return this.run(() => {
      const where: string[] = [];
      const params: Params = [];
      if (filter.status) inList(where, params, 'status', filter.status);
      if (filter.category !== undefined) {
        where.push('category = ?');
        params.push(filter.category);
      }
      if (filter.service !== undefined) {
        where.push('service = ?');
        params.push(filter.service);
      }
      if (filter.agencies) {
        where.push('number IN (SELECT number FROM ticket_agencies WHERE agency IN (SELECT value FROM json_each(?)))');
        params.push(JSON.stringify(filter.agencies.map(String)));
      }
      if (filter.reporterConversationId !== undefined) {
        where.push('reporter_conversation_id = ?');
        params.push(filter.reporterConversationId);
      }
      if (filter.reporterContacts) inList(where, params, 'reporter_contact', filter.reporterContacts);
      if (filter.overdueAt !== undefined) {
        where.push('due_at IS NOT NULL AND due_at < ?');
        params.push(filter.overdueAt);
      }
      if (filter.assignee !== undefined) {
        where.push('assignee = ?');
        params.push(filter.assignee);
      }
      if (filter.priority) inList(where, params, 'priority', filter.priority);
      params.push(limitOf(filter.limit, -1), limitOf(filter.offset, 0));
      const sql = `SELECT number, version, doc FROM tickets ${whereSql(where)} ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?`;
      return (this.q(sql).all(...params) as TicketRow[]).map(toTicket);
    });
  }

  async searchTickets(query: TicketSearch): Promise<TicketSearchResult> {
    return this.run(() => {
      const terms = searchTerms(query.text);
      const limit = Math.max(1, limitOf(query.limit, 20));
      const offset = limitOf(query.offset, 0);
      const scoped = query.agencies !== undefined;
      const scope = (alias: string) => (scoped ? `AND ${alias}.number IN (SELECT number FROM ticket_agencies WHERE agency IN (SELECT value FROM json_each(@scope)))` : '');
      const params: Record<string, string | number> = { limit: limit + 1, offset, scan: SEARCH_SCAN_LIMIT };
      if (scoped) params.scope = JSON.stringify(query.agencies!.map(String));
      let rows: TicketRow[];
      if (terms.numberPrefix) {
        // Numbers are dated (HD-YYMMDD-NNNN): their order is the order of creation.
        params.from = terms.numberPrefix;
        params.to = `${terms.numberPrefix}\uffff`;
        rows = this.q(
          `SELECT t.number, t.version, t.doc FROM tickets t WHERE t.number >= @from AND t.number < @to ${scope('t')}
           ORDER BY t.number DESC LIMIT @limit OFFSET @offset`,
        ).all(params) as TicketRow[];
      } else if (terms.words.length) {
        // Every word, each also as the start of a longer word. Words hold letters and digits only.
        // Newest first by rowid (tickets are inserted when created): only the page's rows are read.
        params.match = terms.words.map((w) => `"${w}"*`).join(' ');
        params.mscan = SEARCH_MESSAGE_SCAN_LIMIT;
        rows = this.q(
          `WITH message_hits AS (
             SELECT rowid AS rid FROM entry_fts WHERE entry_fts MATCH @match ORDER BY rowid DESC LIMIT @mscan
           ), hits(rid) AS (
             SELECT * FROM (
               SELECT t.rowid FROM ticket_fts JOIN tickets t ON t.rowid = ticket_fts.rowid
               WHERE ticket_fts MATCH @match ${scope('t')} ORDER BY ticket_fts.rowid DESC LIMIT @scan)
             UNION
             SELECT * FROM (
               SELECT t.rowid FROM (SELECT DISTINCT e.conversation_id AS cid FROM message_hits m JOIN entries e ON e.rowid = m.rid) c
               JOIN tickets t ON t.reporter_conversation_id = c.cid WHERE 1 ${scope('t')} LIMIT @scan)
           )
           SELECT t.number, t.version, t.doc FROM (SELECT rid FROM hits ORDER BY rid DESC LIMIT @limit OFFSET @offset) page
           JOIN tickets t ON t.rowid = page.rid ORDER BY page.rid DESC`,
        ).all(params) as TicketRow[];
      } else {
        rows = [];
      }
      return { tickets: rows.slice(0, limit).map(toTicket), more: rows.length > limit };
    });
  }

  // ---------------------------------------------------------------- counters

  async nextCounter(name: string): Promise<number> {
    return this.run(() => this.counter(name));
  }

  // ---------------------------------------------------------------- officers and audit

  async upsertOfficer(officer: Omit<Officer, 'createdAt' | 'updatedAt'> & { createdAt?: number }): Promise<Officer> {
    return this.run(() => this.tx(() => {
      const now = Date.now();
      const existing = this.q('SELECT doc FROM officers WHERE id = ?').get(officer.id) as { doc: string } | undefined;
      const createdAt = existing ? (JSON.parse(existing.doc) as Officer).createdAt : (officer.createdAt ?? now);
      const doc: Officer = { ...stripUndefined(officer), createdAt, updatedAt: now };
      try {
        this.q(
          `INSERT INTO officers (id, email_lower, agency, role, doc) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET email_lower = excluded.email_lower, agency = excluded.agency, role = excluded.role, doc = excluded.doc`,
        ).run(doc.id, normEmail(doc.email), doc.agency, doc.role, JSON.stringify(doc));
      } catch (err) {
        if (isUnique(err)) throw new ConflictError(`Email ${officer.email} sudah dipakai petugas lain.`);
        throw err;
      }
      return doc;
    }));
  }

  async getOfficer(id: string): Promise<Officer | null> {
    return this.run(() => parseDoc<Officer>(this.q('SELECT doc FROM officers WHERE id = ?').get(id)));
  }

  async findOfficerByEmail(email: string): Promise<Officer | null> {
    return this.run(() => parseDoc<Officer>(this.q('SELECT doc FROM officers WHERE email_lower = ?').get(normEmail(email))));
  }

  async listOfficers(filter: { agency?: AgencyId; role?: OfficerRole } = {}): Promise<Officer[]> {
    return this.run(() => {
      const where: string[] = [];
      const params: Params = [];
      if (filter.agency !== undefined) {
        where.push('agency = ?');
        params.push(filter.agency);
      }
      if (filter.role !== undefined) {
        where.push('role = ?');
        params.push(filter.role);
      }
      return (this.q(`SELECT doc FROM officers ${whereSql(where)} ORDER BY email_lower`).all(...params) as { doc: string }[]).map(
        (r) => JSON.parse(r.doc) as Officer,
      );
    });
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    this.run(() => this.q('INSERT INTO audit (at, actor, target, doc) VALUES (?, ?, ?, ?)').run(event.at, event.actor, event.target, JSON.stringify(event)));
  }

  async listAudit(filter: AuditFilter): Promise<AuditEvent[]> {
    return this.run(() => {
      const where: string[] = [];
      const params: Params = [];
      if (filter.target !== undefined) {
        where.push('target = ?');
        params.push(filter.target);
      }
      if (filter.actor !== undefined) {
        where.push('actor = ?');
        params.push(filter.actor);
      }
      // No column of its own (the table predates the filter): read from the document.
      if (filter.action !== undefined) {
        where.push("json_extract(doc, '$.action') = ?");
        params.push(filter.action);
      }
      if (filter.from !== undefined) {
        where.push('at >= ?');
        params.push(filter.from);
      }
      if (filter.to !== undefined) {
        where.push('at < ?');
        params.push(filter.to);
      }
      params.push(limitOf(filter.limit, 100), limitOf(filter.offset, 0));
      return (this.q(`SELECT doc FROM audit ${whereSql(where)} ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`).all(...params) as { doc: string }[]).map(
        (r) => JSON.parse(r.doc) as AuditEvent,
      );
    });
  }

  // ---------------------------------------------------------------- deliveries

  async recordDelivery(delivery: Delivery): Promise<void> {
    this.run(() =>
      this.q(
        `INSERT INTO deliveries (id, status, updated_at, doc) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at, doc = excluded.doc`,
      ).run(delivery.id, delivery.status, delivery.updatedAt, JSON.stringify(delivery)),
    );
  }

  async listDeliveries(filter: { status?: Delivery['status']; limit?: number }): Promise<Delivery[]> {
    return this.run(() => {
      const where: string[] = [];
      const params: Params = [];
      if (filter.status !== undefined) {
        where.push('status = ?');
        params.push(filter.status);
      }
      params.push(limitOf(filter.limit, 100));
      return (this.q(`SELECT doc FROM deliveries ${whereSql(where)} ORDER BY updated_at DESC, rowid DESC LIMIT ?`).all(...params) as { doc: string }[]).map(
        (r) => JSON.parse(r.doc) as Delivery,
      );
    });
  }

  async failStaleDeliveries(updatedBefore: number, reason: string, now: number): Promise<number> {
    return this.run(
      () =>
        this.q(
          `UPDATE deliveries SET status = 'failed', updated_at = ?,
             doc = json_set(doc, '$.status', 'failed', '$.updatedAt', ?,
                   '$.lastError', ? || coalesce(' (' || json_extract(doc, '$.lastError') || ')', ''))
           WHERE status = 'pending' AND updated_at < ?`,
        ).run(now, now, reason, updatedBefore).changes,
    );
  }

  // ---------------------------------------------------------------- documents

  async getDoc<T>(collection: string, key: string): Promise<T | null> {
    return this.run(() => {
      const row = this.q('SELECT value FROM docs WHERE collection = ? AND key = ?').get(collection, key) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as T) : null;
    });
  }

  async putDoc<T>(collection: string, key: string, value: T): Promise<void> {
    this.run(() =>
      this.q('INSERT INTO docs (collection, key, value) VALUES (?, ?, ?) ON CONFLICT (collection, key) DO UPDATE SET value = excluded.value').run(
        collection,
        key,
        JSON.stringify(value ?? null),
      ),
    );
  }

  async deleteDoc(collection: string, key: string): Promise<void> {
    this.run(() => this.q('DELETE FROM docs WHERE collection = ? AND key = ?').run(collection, key));
  }

  async listDocs<T>(collection: string): Promise<{ key: string; value: T }[]> {
    return this.run(() =>
      (this.q('SELECT key, value FROM docs WHERE collection = ? ORDER BY key').all(collection) as { key: string; value: string }[]).map((r) => ({
        key: r.key,
        value: JSON.parse(r.value) as T,
      })),
    );
  }

  // ---------------------------------------------------------------- internals

  private conn(): Database.Database {
    if (!this.db) throw new TransientError('Penyimpanan belum dibuka.');
    return this.db;
  }

  /** Prepared statements are cached by their SQL text (dynamic filters give a handful of shapes). */
  private q(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.conn().prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  /** One IMMEDIATE transaction: takes the write lock first, so read-modify-write cannot interleave. */
  private tx<T>(fn: () => T): T {
    if (!this.txRunner) this.txRunner = this.conn().transaction((f: () => unknown) => f());
    return this.txRunner.immediate(fn) as T;
  }
  private txRunner: Database.Transaction<(f: () => unknown) => unknown> | null = null;

  /** Maps a lock wait that ran out (another process held the file too long) to TransientError. */
  private run<T>(fn: () => T): T {
    return mapBusy(fn);
  }

  private counter(name: string): number {
    const row = this.q('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value').get(name) as {
      value: number;
    };
    return row.value;
  }

  private insertEntry(entry: TranscriptEntry, channel: Channel | null): void {
    const { state, ...rest } = entry;
    this.q('INSERT INTO entries (id, conversation_id, seq, channel, external_id, state, at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      entry.id,
      entry.conversationId,
      entry.seq,
      entry.externalId !== undefined ? channel : null,
      entry.externalId !== undefined && channel !== null ? entry.externalId : null,
      state ?? null,
      entry.at,
      JSON.stringify(rest),
    );
  }

  private writeTicketAgencies(t: Ticket): void {
    const ins = this.q('INSERT OR IGNORE INTO ticket_agencies (agency, number) VALUES (?, ?)');
    for (const a of new Set([t.agency, ...(t.coAgencies ?? [])])) ins.run(a, t.number);
  }
}

function toConversation(row: ConversationRow): Conversation {
  const doc = JSON.parse(row.doc) as Conversation;
  return { ...doc, id: row.id, channel: row.channel as Channel, threadId: row.thread_id, version: row.version, lastMessageAt: row.last_message_at };
}

function toEntry(row: EntryRow): TranscriptEntry {
  const doc = JSON.parse(row.doc) as TranscriptEntry;
  doc.seq = row.seq;
  if (row.state === 'pending' || row.state === 'processed') doc.state = row.state;
  return doc;
}

function toTicket(row: TicketRow): Ticket {
  return JSON.parse(row.doc) as Ticket;
}

function parseDoc<T>(row: unknown): T | null {
  return row ? (JSON.parse((row as { doc: string }).doc) as T) : null;
}

function normEmail(email: string): string {
  return String(email).trim().toLowerCase();
}

function isUnique(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** `column IN (list)` with the list as one JSON parameter: one statement shape whatever its length. */
function inList(where: string[], params: Params, column: string, values: readonly string[]): void {
  where.push(`${column} IN (SELECT value FROM json_each(?))`);
  params.push(JSON.stringify(values.map(String)));
}

function whereSql(where: string[]): string {
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

function limitOf(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit) || limit < 0) return fallback;
  return Math.floor(limit);
}

function stripUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

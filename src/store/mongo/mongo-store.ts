/**
 * The MongoDB store (production, MONGODB_URI), through mongoose 9.
 *
 * Atomicity without multi-document transactions (a single mongod need not be a replica set):
 * - counters and transcript seq numbers: findOneAndUpdate with $inc (upsert);
 * - inbound de-duplication: the unique (channel, externalId) index; a duplicate-key error on insert
 *   means another delivery won and its entry is returned with duplicate: true;
 * - conversations: optimistic version check in the update filter;
 * - replies: deterministic ids, inserted with ordered:false ignoring duplicate keys, then marked;
 * - tickets: unique idempotencyKey; updates are read, apply, replace-if-version-unchanged, retry.
 * A crash between two of these steps leaves at most a gap in a seq or ticket-number sequence,
 * never a duplicate or a lost acknowledged write (each step is durable before the next starts).
 *
 * Known limit: the web chat cursor (`transcript(afterSeq)`) can, for a few milliseconds, see a
 * later seq of a conversation before an earlier one that a concurrent writer reserved but has not
 * inserted yet. The embedded store has no such window (one transaction).
 *
 * User input never becomes a query operator: sanitizeFilter is on for this mongoose instance and
 * operators written here are wrapped in mongoose.trusted().
 */
import { randomUUID } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import type { AgencyId, Channel, ConversationOwner, OfficerRole } from '../../domain/ids';
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
import { defineModels, type ConversationDoc, type EntryDoc, type Models, type OfficerDoc, type TicketDoc } from './models';

mongoose.set('sanitizeFilter', true);
const trusted = <T extends object>(op: T): T => mongoose.trusted(op) as T;

export interface MongoStoreOptions {
  uri: string;
  /** How long open() and each operation wait for a reachable server before failing. */
  serverSelectionTimeoutMS?: number;
  maxPoolSize?: number;
  /** Attempts of updateTicket's read-modify-write before ConflictError. */
  updateRetries?: number;
}

export class MongoStore implements Store {
  private conn: Connection | null = null;
  private m: Models | null = null;

  constructor(private readonly options: MongoStoreOptions) {}

  async open(): Promise<void> {
    if (this.conn) return;
    const conn = mongoose.createConnection(this.options.uri, {
      serverSelectionTimeoutMS: this.options.serverSelectionTimeoutMS ?? 5000,
      maxPoolSize: this.options.maxPoolSize ?? 20,
      bufferCommands: false,
      autoIndex: false,
      autoCreate: false,
    });
    try {
      await conn.asPromise();
      const models = defineModels(conn);
      await Promise.all(Object.values(models).map((model: mongoose.Model<unknown>) => model.createIndexes()));
      this.conn = conn;
      this.m = models;
    } catch (err) {
      await conn.close().catch(() => undefined);
      throw new TransientError(`MongoDB tidak dapat dihubungi (${redact(this.options.uri)}): ${(err as Error).message}`);
    }
  }

  async close(): Promise<void> {
    const conn = this.conn;
    this.conn = null;
    this.m = null;
    if (conn) await conn.close();
  }

  async ping(): Promise<void> {
    await this.guard(async () => {
      const db = this.connection().db;
      if (!db) throw new TransientError('MongoDB belum terhubung.');
      await db.admin().command({ ping: 1 });
    });
  }

  /** The open connection, for co-located stores (the WhatsApp session in GridFS). */
  get mongoConnection(): Connection {
    return this.connection();
  }

  /** For tests: drops the whole database of this connection. */
  async dropDatabase(): Promise<void> {
    await this.connection().dropDatabase();
  }

  // ---------------------------------------------------------------- conversations and transcript

  async acceptInbound(input: Parameters<Store['acceptInbound']>[0]): Promise<AcceptResult> {
    return this.guard(async () => {
      const { Conversation, Entry } = this.models();
      const dup = await Entry.findOne({ channel: input.channel, externalId: input.externalId }).lean<EntryDoc>();
      if (dup) return this.duplicateOf(dup);
      const insert = {
        _id: randomUUID(),
        identity: input.senderName === undefined ? { senderId: input.senderId } : { senderId: input.senderId, name: input.senderName },
        owner: 'bot',
        officerId: null,
        agency: null,
        service: null,
        flowJson: null,
        ticketNumber: null,
        version: 0,
        processedSeq: 0,
        outboxJson: '[]',
        waitingSince: null,
        unreachable: false,
        createdAt: input.at,
        updatedAt: input.at,
      };
      const upsert = () =>
        Conversation.findOneAndUpdate(
          { channel: input.channel, threadId: input.threadId },
          { $setOnInsert: insert, $inc: { lastSeq: 1 }, $max: { lastMessageAt: input.at } },
          { upsert: true, returnDocument: 'after' },
        ).lean<ConversationDoc>();
      // Two first messages of a thread may race on the unique (channel, threadId) upsert: retry once.
      const conv = await upsert().catch((err: unknown) => (isDuplicateKey(err) ? upsert() : Promise.reject(err)));
      if (!conv) throw new Error('upsert percakapan tidak mengembalikan dokumen');
      const entry: TranscriptEntry = {
        id: `${conv._id}:in:${input.externalId}`,
        conversationId: conv._id,
        seq: conv.lastSeq,
        from: 'user',
        text: input.text,
        ...(input.media && input.media.length ? { media: plain(input.media) } : {}),
        ...(input.buttonContext ? { buttonContext: input.buttonContext } : {}),
        externalId: input.externalId,
        state: 'pending',
        at: input.at,
      };
      try {
        await Entry.insertMany([entryDoc(entry, input.channel)], { lean: true });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const winner = await Entry.findOne({ channel: input.channel, externalId: input.externalId }).lean<EntryDoc>();
        if (!winner) throw err;
        return this.duplicateOf(winner);
      }
      return { conversation: toConversation(conv), entry, duplicate: false };
    });
  }

  async withdrawInbound(entryId: string): Promise<void> {
    await this.guard(() => this.models().Entry.deleteOne({ _id: entryId, state: 'pending' }));
  }

  async getConversation(id: string): Promise<Conversation | null> {
    return this.guard(async () => {
      const doc = await this.models().Conversation.findOne({ _id: id }).lean<ConversationDoc>();
      return doc ? toConversation(doc) : null;
    });
  }

  async findConversation(channel: Channel, threadId: string): Promise<Conversation | null> {
    return this.guard(async () => {
      const doc = await this.models().Conversation.findOne({ channel, threadId }).lean<ConversationDoc>();
      return doc ? toConversation(doc) : null;
    });
  }

  async saveConversation(next: Conversation, expectedVersion: number): Promise<Conversation | null> {
    return this.guard(async () => {
      const doc = await this.models()
        .Conversation.findOneAndUpdate(
          { _id: next.id, version: expectedVersion },
          {
            $set: {
              identity: plain(next.identity),
              owner: next.owner,
              officerId: next.officerId ?? null,
              agency: next.agency ?? null,
              service: next.service ?? null,
              flowJson: next.flow == null ? null : JSON.stringify(next.flow),
              ticketNumber: next.ticketNumber ?? null,
              version: expectedVersion + 1,
              processedSeq: next.processedSeq ?? 0,
              outboxJson: JSON.stringify(next.outbox ?? []),
              waitingSince: next.waitingSince ?? null,
              unreachable: Boolean(next.unreachable),
              createdAt: next.createdAt,
              updatedAt: next.updatedAt,
            },
            $max: { lastMessageAt: next.lastMessageAt ?? 0 },
          },
          { returnDocument: 'after' },
        )
        .lean<ConversationDoc>();
      return doc ? toConversation(doc) : null;
    });
  }

  async listConversations(filter: ConversationFilter): Promise<Conversation[]> {
    return this.guard(async () => {
      const q: Record<string, unknown> = {};
      if (filter.owner) q.owner = trusted({ $in: filter.owner.map(String) });
      if (filter.agencies) q.agency = trusted({ $in: filter.agencies.map(String) });
      if (filter.contacts) q['identity.contact'] = trusted({ $in: filter.contacts.map(String) });
      const docs = await this.models()
        .Conversation.find(q)
        .sort({ lastMessageAt: -1, _id: -1 })
        .limit(limitOf(filter.limit, 100))
        .lean<ConversationDoc[]>();
      return docs.map(toConversation);
    });
  }

  async pendingEntries(conversationId: string, limit?: number): Promise<TranscriptEntry[]> {
    return this.guard(async () => {
      const docs = await this.models()
        .Entry.find({ conversationId, state: 'pending' })
        .sort({ seq: 1 })
        .limit(limitOf(limit, 0))
        .lean<EntryDoc[]>();
      return docs.map(toEntry);
    });
  }

  async conversationsWithPending(before: number, limit?: number): Promise<string[]> {
    return this.guard(async () => {
      const rows = await this.models().Entry.aggregate<{ _id: string }>([
        { $match: { state: 'pending', at: { $lt: Number(before) } } },
        { $group: { _id: '$conversationId', first: { $min: '$at' } } },
        { $sort: { first: 1, _id: 1 } },
        { $limit: limitOf(limit, 100) || 100 },
      ]);
      return rows.map((r) => r._id);
    });
  }

  async appendEntries(conversationId: string, entries: NewEntry[], processedEntryIds: string[] = []): Promise<TranscriptEntry[]> {
    return this.guard(async () => {
      const { Conversation, Entry } = this.models();
      const ids = [...new Set(entries.map((e) => String(e.id)))];
      const existing = ids.length ? await Entry.find({ _id: trusted({ $in: ids }) }).lean<EntryDoc[]>() : [];
      const present = new Set(existing.map((d) => d._id));
      const fresh: NewEntry[] = [];
      for (const e of entries) if (!present.has(e.id) && !fresh.some((f) => f.id === e.id)) fresh.push(e);
      let out: TranscriptEntry[] = existing.map(toEntry);
      if (fresh.length) {
        const maxAt = Math.max(...fresh.map((e) => e.at));
        const conv = await Conversation.findOneAndUpdate(
          { _id: conversationId },
          { $inc: { lastSeq: fresh.length }, $max: { lastMessageAt: maxAt } },
          { returnDocument: 'after', projection: { lastSeq: 1 } },
        ).lean<Pick<ConversationDoc, '_id' | 'lastSeq'>>();
        if (!conv) throw new NotFoundError(`Percakapan ${conversationId} tidak ditemukan.`);
        const first = conv.lastSeq - fresh.length + 1;
        const stored = fresh.map((e, i): TranscriptEntry => ({ ...plain(e), conversationId, seq: first + i }));
        let raced = false;
        try {
          await Entry.insertMany(
            stored.map((e) => entryDoc(e, null)),
            { ordered: false, lean: true },
          );
        } catch (err) {
          // A concurrent re-run inserted some of the same ids first: theirs stand.
          if (!isDuplicateKey(err)) throw err;
          raced = true;
        }
        if (raced) {
          out = (await Entry.find({ _id: trusted({ $in: ids }) }).lean<EntryDoc[]>()).map(toEntry);
        } else {
          out = out.concat(stored);
        }
      }
      if (processedEntryIds.length) {
        await Entry.updateMany(
          { _id: trusted({ $in: processedEntryIds.map(String) }), conversationId, state: 'pending' },
          { $set: { state: 'processed' } },
        );
        const marked = new Set(processedEntryIds);
        for (const e of out) if (marked.has(e.id) && e.state === 'pending') e.state = 'processed';
      }
      return out.sort((a, b) => a.seq - b.seq);
    });
  }

  async transcript(conversationId: string, afterSeq = 0, limit?: number): Promise<TranscriptEntry[]> {
    return this.guard(async () => {
      const docs = await this.models()
        .Entry.find({ conversationId, seq: trusted({ $gt: Number(afterSeq) }) })
        .sort({ seq: 1 })
        .limit(limitOf(limit, 0))
        .lean<EntryDoc[]>();
      return docs.map(toEntry);
    });
  }

  // ---------------------------------------------------------------- tickets

  async createTicket(input: NewTicket): Promise<Ticket> {
    return this.guard(async () => {
      const { Ticket } = this.models();
      const existing = await Ticket.findOne({ idempotencyKey: input.idempotencyKey }).lean<TicketDoc>();
      if (existing) return toTicket(existing);
      for (let attempt = 0; attempt < 5; attempt++) {
        const n = await this.nextCounter(input.numberPrefix);
        const { idempotencyKey, numberPrefix, createdBy, ...rest } = plain(input);
        void numberPrefix;
        const ticket: Ticket = {
          ...rest,
          number: `${input.numberPrefix}${String(n).padStart(4, '0')}`,
          status: 'baru',
          history: [{ at: input.createdAt, by: createdBy, action: 'dibuat', to: 'baru' }],
          survey: null,
          assignee: null,
          createdAt: input.createdAt,
          updatedAt: input.createdAt,
        };
        try {
          await Ticket.insertMany([ticketDoc(ticket, idempotencyKey, createdBy, 1)]);
          return ticket;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          // The same key won a race (its number is skipped, leaving a gap), or the number exists
          // already (counter behind the data): then take the next number.
          const winner = await Ticket.findOne({ idempotencyKey }).lean<TicketDoc>();
          if (winner) return toTicket(winner);
        }
      }
      throw new ConflictError('Nomor tiket tidak dapat dibuat; coba lagi.');
    });
  }

  async getTicket(number: string): Promise<Ticket | null> {
    return this.guard(async () => {
      const doc = await this.models().Ticket.findOne({ _id: number }).lean<TicketDoc>();
      return doc ? toTicket(doc) : null;
    });
  }

  async updateTicket(number: string, change: (t: Ticket) => Ticket): Promise<Ticket> {
    return this.guard(async () => {
      const { Ticket } = this.models();
      const attempts = this.options.updateRetries ?? 50;
      for (let attempt = 0; attempt < attempts; attempt++) {
        const doc = await Ticket.findOne({ _id: number }).lean<TicketDoc>();
        if (!doc) throw new NotFoundError(`Tiket ${number} tidak ditemukan.`);
        const next: Ticket = { ...plain(change(toTicket(doc))), number: doc._id };
        const res = await Ticket.replaceOne({ _id: doc._id, version: doc.version }, ticketDoc(next, doc.idempotencyKey, doc.createdBy, doc.version + 1));
        if (res.matchedCount === 1) return next;
        await sleep(Math.random() * Math.min(50, 2 + attempt * 3));
      }
      throw new ConflictError(`Tiket ${number} sedang diubah oleh proses lain; coba lagi.`);
    });
  }

  async listTickets(filter: TicketFilter): Promise<Ticket[]> {
    return this.guard(async () => {
      const q: Record<string, unknown> = {};
      if (filter.status) q.status = trusted({ $in: filter.status.map(String) });
      if (filter.category !== undefined) q.category = filter.category;
      if (filter.service !== undefined) q.service = filter.service;
      if (filter.agencies) q.agencies = trusted({ $in: filter.agencies.map(String) });
      if (filter.reporterConversationId !== undefined) q.reporterConversationId = filter.reporterConversationId;
      if (filter.reporterContacts) q['reporter.contact'] = trusted({ $in: filter.reporterContacts.map(String) });
      if (filter.overdueAt !== undefined) q.dueAt = trusted({ $lt: Number(filter.overdueAt) });
      if (filter.assignee !== undefined) q.assignee = String(filter.assignee);
      if (filter.priority) q.priority = trusted({ $in: filter.priority.map(String) });
      const docs = await this.models()
        .Ticket.find(q)
        .sort({ createdAt: -1, _id: -1 })
        .skip(limitOf(filter.offset, 0))
        .limit(limitOf(filter.limit, 0))
        .lean<TicketDoc[]>();
      return docs.map(toTicket);
    });
  }

  async searchTickets(query: TicketSearch): Promise<TicketSearchResult> {
    return this.guard(async () => {
      const { Ticket, Entry } = this.models();
      const terms = searchTerms(query.text);
      const limit = Math.max(1, limitOf(query.limit, 20));
      const offset = limitOf(query.offset, 0);
      const scope: Record<string, unknown> = query.agencies ? { agencies: trusted({ $in: query.agencies.map(String) }) } : {};
      if (terms.numberPrefix) {
        // Numbers are dated (HD-YYMMDD-NNNN): their order is the order of creation.
        const docs = await Ticket.find({ _id: trusted({ $gte: terms.numberPrefix, $lt: `${terms.numberPrefix}\uffff` }), ...scope })
          .sort({ _id: -1 })
          .skip(offset)
          .limit(limit + 1)
          .lean<TicketDoc[]>();
        return { tickets: docs.slice(0, limit).map(toTicket), more: docs.length > limit };
      }
      if (!terms.words.length) return { tickets: [], more: false };
      // Each word as a phrase: every one must occur (a bare list would match any of them).
      const search = trusted({ $search: terms.words.map((w) => `"${w}"`).join(' ') });
      const [textHits, messageHits] = await Promise.all([
        Ticket.find({ $text: search, ...scope }, { _id: 1, createdAt: 1 }).sort({ createdAt: -1 }).limit(SEARCH_SCAN_LIMIT).lean<Pick<TicketDoc, '_id' | 'createdAt'>[]>(),
        Entry.find({ $text: search, from: trusted({ $in: ['user', 'agent'] }) }, { conversationId: 1 })
          .sort({ at: -1 })
          .limit(SEARCH_MESSAGE_SCAN_LIMIT)
          .lean<Pick<EntryDoc, 'conversationId'>[]>(),
      ]);
      const conversationIds = [...new Set(messageHits.map((e) => e.conversationId))];
      const viaMessages = conversationIds.length
        ? await Ticket.find({ reporterConversationId: trusted({ $in: conversationIds }), ...scope }, { _id: 1, createdAt: 1 })
            .sort({ createdAt: -1 })
            .limit(SEARCH_SCAN_LIMIT)
            .lean<Pick<TicketDoc, '_id' | 'createdAt'>[]>()
        : [];
      const hits = new Map<string, number>();
      for (const h of [...textHits, ...viaMessages]) hits.set(h._id, h.createdAt);
      const page = [...hits.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0))
        .slice(offset, offset + limit + 1)
        .map(([id]) => id);
      const docs = page.length ? await Ticket.find({ _id: trusted({ $in: page.slice(0, limit) }) }).lean<TicketDoc[]>() : [];
      const byId = new Map(docs.map((d) => [d._id, d]));
      const tickets = page
        .slice(0, limit)
        .map((id) => byId.get(id))
        .filter((d): d is TicketDoc => !!d)
        .map(toTicket);
      return { tickets, more: page.length > limit };
    });
  }

  // ---------------------------------------------------------------- counters

  async nextCounter(name: string): Promise<number> {
    return this.guard(async () => {
      const upsert = () =>
        this.models().Counter.findOneAndUpdate({ _id: name }, { $inc: { value: 1 } }, { upsert: true, returnDocument: 'after' }).lean<{ value: number }>();
      const doc = await upsert().catch((err: unknown) => (isDuplicateKey(err) ? upsert() : Promise.reject(err)));
      if (!doc) throw new Error(`penghitung ${name} tidak mengembalikan nilai`);
      return doc.value;
    });
  }

  // ---------------------------------------------------------------- officers and audit

  async upsertOfficer(officer: Omit<Officer, 'createdAt' | 'updatedAt'> & { createdAt?: number }): Promise<Officer> {
    return this.guard(async () => {
      const now = Date.now();
      try {
        const doc = await this.models()
          .Officer.findOneAndUpdate(
            { _id: officer.id },
            {
              $set: {
                email: officer.email,
                emailLower: normEmail(officer.email),
                name: officer.name,
                role: officer.role,
                agency: officer.agency,
                passwordHash: officer.passwordHash,
                active: officer.active,
                updatedAt: now,
              },
              $setOnInsert: { createdAt: officer.createdAt ?? now },
            },
            { upsert: true, returnDocument: 'after' },
          )
          .lean<OfficerDoc>();
        if (!doc) throw new Error('upsert petugas tidak mengembalikan dokumen');
        return toOfficer(doc);
      } catch (err) {
        if (isDuplicateKey(err)) throw new ConflictError(`Email ${officer.email} sudah dipakai petugas lain.`);
        throw err;
      }
    });
  }

  async getOfficer(id: string): Promise<Officer | null> {
    return this.guard(async () => {
      const doc = await this.models().Officer.findOne({ _id: id }).lean<OfficerDoc>();
      return doc ? toOfficer(doc) : null;
    });
  }

  async findOfficerByEmail(email: string): Promise<Officer | null> {
    return this.guard(async () => {
      const doc = await this.models().Officer.findOne({ emailLower: normEmail(email) }).lean<OfficerDoc>();
      return doc ? toOfficer(doc) : null;
    });
  }

  async listOfficers(filter: { agency?: AgencyId; role?: OfficerRole } = {}): Promise<Officer[]> {
    return this.guard(async () => {
      const q: Record<string, unknown> = {};
      if (filter.agency !== undefined) q.agency = filter.agency;
      if (filter.role !== undefined) q.role = filter.role;
      const docs = await this.models().Officer.find(q).sort({ emailLower: 1 }).lean<OfficerDoc[]>();
      return docs.map(toOfficer);
    });
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    await this.guard(() =>
      this.models().Audit.insertMany(
        [{ at: event.at, actor: event.actor, action: event.action, target: event.target, detailsJson: event.details === undefined ? null : JSON.stringify(event.details) }],
        { lean: true },
      ),
    );
  }

  async listAudit(filter: AuditFilter): Promise<AuditEvent[]> {
    return this.guard(async () => {
      const q: Record<string, unknown> = {};
      if (filter.target !== undefined) q.target = String(filter.target);
      if (filter.actor !== undefined) q.actor = String(filter.actor);
      if (filter.action !== undefined) q.action = String(filter.action);
      if (filter.from !== undefined || filter.to !== undefined) {
        q.at = { ...(filter.from !== undefined ? { $gte: Number(filter.from) } : {}), ...(filter.to !== undefined ? { $lt: Number(filter.to) } : {}) };
      }
      const docs = await this.models()
        .Audit.find(q)
        .sort({ at: -1, _id: -1 })
        .skip(limitOf(filter.offset, 0))
        .limit(limitOf(filter.limit, 100))
        .lean<{ at: number; actor: string; action: string; target: string; detailsJson: string | null }[]>();
      return docs.map((d) => ({
        at: d.at,
        actor: d.actor,
        action: d.action,
        target: d.target,
        ...(d.detailsJson == null ? {} : { details: JSON.parse(d.detailsJson) as Record<string, unknown> }),
      }));
    });
  }

  // ---------------------------------------------------------------- deliveries

  async recordDelivery(delivery: Delivery): Promise<void> {
    await this.guard(() =>
      this.models().Delivery.replaceOne(
        { _id: delivery.id },
        {
          _id: delivery.id,
          conversationId: delivery.conversationId,
          channel: delivery.channel,
          status: delivery.status,
          attempts: delivery.attempts,
          lastError: delivery.lastError ?? null,
          updatedAt: delivery.updatedAt,
        },
        { upsert: true },
      ),
    );
  }

  async listDeliveries(filter: { status?: Delivery['status']; limit?: number }): Promise<Delivery[]> {
    return this.guard(async () => {
      const q: Record<string, unknown> = {};
      if (filter.status !== undefined) q.status = filter.status;
      const docs = await this.models()
        .Delivery.find(q)
        .sort({ updatedAt: -1, _id: -1 })
        .limit(limitOf(filter.limit, 100))
        .lean<(Omit<Delivery, 'id'> & { _id: string })[]>();
      return docs.map(({ _id, ...d }) => ({
        id: _id,
        conversationId: d.conversationId,
        channel: d.channel,
        status: d.status,
        attempts: d.attempts,
        lastError: d.lastError ?? null,
        updatedAt: d.updatedAt,
      }));
    });
  }

  async failStaleDeliveries(updatedBefore: number, reason: string, now: number): Promise<number> {
    return this.guard(async () => {
      const stale = await this.models()
        .Delivery.find({ status: 'pending', updatedAt: trusted({ $lt: updatedBefore }) })
        .limit(1000)
        .lean<{ _id: string; updatedAt: number; lastError?: string | null }[]>();
      let marked = 0;
      for (const d of stale) {
        // Conditional on the version read: an attempt recorded meanwhile wins.
        const result = await this.models().Delivery.updateOne(
          { _id: d._id, status: 'pending', updatedAt: d.updatedAt },
          { $set: { status: 'failed', updatedAt: now, lastError: d.lastError ? `${reason} (${d.lastError})` : reason } },
        );
        marked += result.modifiedCount;
      }
      return marked;
    });
  }

  // ---------------------------------------------------------------- documents

  async getDoc<T>(collection: string, key: string): Promise<T | null> {
    return this.guard(async () => {
      const doc = await this.models().Kv.findOne({ coll: collection, key }).lean<{ valueJson: string }>();
      return doc ? (JSON.parse(doc.valueJson) as T) : null;
    });
  }

  async putDoc<T>(collection: string, key: string, value: T): Promise<void> {
    await this.guard(() =>
      this.models().Kv.updateOne({ coll: collection, key }, { $set: { valueJson: JSON.stringify(value ?? null) } }, { upsert: true }),
    );
  }

  async deleteDoc(collection: string, key: string): Promise<void> {
    await this.guard(() => this.models().Kv.deleteOne({ coll: collection, key }));
  }

  async listDocs<T>(collection: string): Promise<{ key: string; value: T }[]> {
    return this.guard(async () => {
      const docs = await this.models().Kv.find({ coll: collection }).sort({ key: 1 }).lean<{ key: string; valueJson: string }[]>();
      return docs.map((d) => ({ key: d.key, value: JSON.parse(d.valueJson) as T }));
    });
  }

  // ---------------------------------------------------------------- internals

  private connection(): Connection {
    if (!this.conn) throw new TransientError('MongoDB belum terhubung.');
    return this.conn;
  }

  private models(): Models {
    if (!this.m) throw new TransientError('MongoDB belum terhubung.');
    return this.m;
  }

  private async duplicateOf(entry: EntryDoc): Promise<AcceptResult> {
    const conv = await this.models().Conversation.findOne({ _id: entry.conversationId }).lean<ConversationDoc>();
    if (!conv) throw new Error(`percakapan ${entry.conversationId} hilang untuk entri ${entry._id}`);
    return { conversation: toConversation(conv), entry: toEntry(entry), duplicate: true };
  }

  private guard<T>(fn: () => Promise<T>): Promise<T> {
    return mongoGuard(fn);
  }
}

/** Maps driver errors that mean "the database is unreachable or stepping down" to TransientError. */
export async function mongoGuard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isTransient(err)) throw new TransientError(`MongoDB tidak tersedia: ${(err as Error).message}`, 1000);
    throw err;
  }
}

const TRANSIENT_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoWaitQueueTimeoutError',
  'MongoExpiredSessionError',
]);
// NotWritablePrimary, NotPrimaryNoSecondaryOk, PrimarySteppedDown, ShutdownInProgress, InterruptedAtShutdown, HostUnreachable, NetworkTimeout...
const TRANSIENT_CODES = new Set([6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);

export function isTransient(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err instanceof TransientError) return false;
  if (TRANSIENT_NAMES.has(err.name)) return true;
  const e = err as Error & { code?: unknown; hasErrorLabel?: (l: string) => boolean };
  if (typeof e.code === 'number' && TRANSIENT_CODES.has(e.code)) return true;
  if (typeof e.hasErrorLabel === 'function' && (e.hasErrorLabel('RetryableWriteError') || e.hasErrorLabel('TransientTransactionError'))) return true;
  return /buffering timed out|client must be connected|connection .* closed/i.test(err.message);
}

export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: unknown; writeErrors?: { code?: unknown; err?: { code?: unknown } }[] } | null;
  if (!e) return false;
  if (e.code === 11000 || e.code === 11001) return true;
  if (Array.isArray(e.writeErrors) && e.writeErrors.length > 0) {
    return e.writeErrors.every((w) => (w.code ?? w.err?.code) === 11000);
  }
  return false;
}

export function toConversation(d: ConversationDoc): Conversation {
  return {
    id: d._id,
    channel: d.channel as Channel,
    threadId: d.threadId,
    identity: d.identity as unknown as Conversation['identity'],
    owner: d.owner as ConversationOwner,
    officerId: d.officerId ?? null,
    agency: d.agency ?? null,
    service: d.service ?? null,
    flow: d.flowJson == null ? null : (JSON.parse(d.flowJson) as Record<string, unknown>),
    ticketNumber: d.ticketNumber ?? null,
    version: d.version,
    processedSeq: d.processedSeq ?? 0,
    outbox: JSON.parse(d.outboxJson ?? '[]') as NewEntry[],
    waitingSince: d.waitingSince ?? null,
    unreachable: Boolean(d.unreachable),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    lastMessageAt: d.lastMessageAt,
  };
}

export function entryDoc(e: TranscriptEntry, channel: Channel | null): EntryDoc {
  const doc: EntryDoc = { _id: e.id, conversationId: e.conversationId, seq: e.seq, from: e.from, text: e.text, at: e.at };
  if (e.options !== undefined) doc.options = e.options;
  if (e.links !== undefined) doc.links = e.links;
  if (e.media !== undefined) doc.media = e.media;
  if (e.officerId !== undefined) doc.officerId = e.officerId;
  if (e.buttonContext !== undefined) doc.buttonContext = e.buttonContext;
  if (e.context !== undefined) doc.context = e.context;
  if (e.externalId !== undefined && channel !== null) {
    doc.externalId = e.externalId;
    doc.channel = channel;
  }
  if (e.state !== undefined) doc.state = e.state;
  return doc;
}

export function toEntry(d: EntryDoc): TranscriptEntry {
  const e: TranscriptEntry = { id: d._id, conversationId: d.conversationId, seq: d.seq, from: d.from as TranscriptEntry['from'], text: d.text ?? '', at: d.at };
  if (d.options != null) e.options = d.options as TranscriptEntry['options'];
  if (d.links != null) e.links = d.links as TranscriptEntry['links'];
  if (d.media != null) e.media = d.media as TranscriptEntry['media'];
  if (d.externalId != null) e.externalId = d.externalId;
  if (d.state != null) e.state = d.state;
  if (d.officerId != null) e.officerId = d.officerId;
  if (d.buttonContext != null) e.buttonContext = d.buttonContext;
  if (d.context != null) e.context = d.context;
  return e;
}

function ticketDoc(t: Ticket, idempotencyKey: string, createdBy: string, version: number): TicketDoc {
  return {
    _id: t.number,
    idempotencyKey,
    createdBy,
    category: t.category,
    service: t.service ?? null,
    agency: t.agency,
    coAgencies: t.coAgencies ?? [],
    agencies: [...new Set([t.agency, ...(t.coAgencies ?? [])])],
    priority: t.priority,
    status: t.status,
    summary: t.summary,
    description: t.description,
    reporter: t.reporter as unknown as Record<string, unknown>,
    reporterConversationId: t.reporter.conversationId,
    attachments: t.attachments ?? [],
    history: t.history ?? [],
    sla: t.sla as unknown as Record<string, unknown>,
    survey: t.survey ?? null,
    assignee: t.assignee ?? null,
    dueAt: ticketResolveDeadline(t),
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    version,
  };
}

function toTicket(d: TicketDoc): Ticket {
  return {
    number: d._id,
    category: d.category as Ticket['category'],
    service: d.service ?? null,
    agency: d.agency,
    coAgencies: d.coAgencies ?? [],
    priority: d.priority as Ticket['priority'],
    status: d.status as Ticket['status'],
    summary: d.summary,
    description: d.description,
    reporter: d.reporter as unknown as Ticket['reporter'],
    attachments: (d.attachments ?? []) as Ticket['attachments'],
    history: (d.history ?? []) as Ticket['history'],
    sla: d.sla as unknown as Ticket['sla'],
    survey: (d.survey ?? null) as Ticket['survey'],
    assignee: d.assignee ?? null,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

function toOfficer(d: OfficerDoc): Officer {
  return {
    id: d._id,
    email: d.email,
    name: d.name,
    role: d.role as OfficerRole,
    agency: d.agency,
    passwordHash: d.passwordHash,
    active: d.active,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

/** JSON round trip: drops undefined (BSON would store null) and detaches from the caller's objects. */
function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function normEmail(email: string): string {
  return String(email).trim().toLowerCase();
}

function limitOf(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit) || limit < 0) return fallback;
  return Math.floor(limit);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

/**
 * PersonalDataStore (src/privacy/port.ts) on MongoDB, through the main store's connection and
 * models. Without multi-document transactions, a conversation is anonymised in an order that a
 * crash or a concurrent message cannot leave half done: its entries first, then the
 * conversation (version-checked), then any entry that arrived meanwhile. An entry is rewritten by
 * deleting the old document and inserting the new one (its _id holds the platform's message id);
 * a crash between the two loses that entry's anonymised copy, never leaves personal data.
 * Operators from this module are wrapped in mongoose.trusted() (sanitizeFilter is on).
 */
import mongoose, { type Connection, type Model } from 'mongoose';
import { TransientError } from '../../domain/errors';
import type { Channel } from '../../domain/ids';
import {
  ANONYMOUS,
  ANONYMOUS_THREAD_PREFIX,
  anonymisedEntryId,
  anonymiseConversationDoc,
  anonymiseEntry,
  scrubEntry,
} from '../../privacy/anonymise';
import { scrubDeep } from '../../privacy/scrub';
import type { AnonymisedConversation, ConversationProbe, EntryHit, PersonalDataStore, StoredAudit, TicketProbe } from '../../privacy/port';
import { CLOSED_TICKET_STATUSES, type AuditEvent, type Delivery } from '../port';
import { entryDoc, isDuplicateKey, mongoGuard, toConversation, toEntry } from './mongo-store';
import type { AuditDoc, ConversationDoc, DeliveryDoc, EntryDoc, TicketDoc } from './models';
import { BOT_EVENTS } from './knowledge-store';

const trusted = <T extends object>(op: T): T => mongoose.trusted(op) as T;
const NOT_ANONYMISED_THREAD = () => trusted({ $not: new RegExp(`^${ANONYMOUS_THREAD_PREFIX}`) });
const STORAGE_KEY = /^[a-f0-9]{64}\.[a-z0-9]+$/;

export class MongoPersonalDataStore implements PersonalDataStore {
  constructor(private readonly connection: () => Connection) {}

  async findConversations(match: (c: ConversationProbe) => boolean): Promise<string[]> {
    return this.guard(async () => {
      const out: string[] = [];
      const cursor = this.model<ConversationDoc>('Conversation')
        .find({ threadId: NOT_ANONYMISED_THREAD() }, { channel: 1, threadId: 1, identity: 1 })
        .lean<Pick<ConversationDoc, '_id' | 'channel' | 'threadId' | 'identity'>[]>()
        .cursor();
      for await (const d of cursor) {
        const doc = d as unknown as Pick<ConversationDoc, '_id' | 'channel' | 'threadId' | 'identity'>;
        const probe: ConversationProbe = { id: doc._id, channel: doc.channel as Channel, threadId: doc.threadId, identity: doc.identity as unknown as ConversationProbe['identity'] };
        if (match(probe)) out.push(doc._id);
      }
      return out;
    });
  }

  async findTickets(match: (t: TicketProbe) => boolean): Promise<string[]> {
    return this.guard(async () => {
      const out: string[] = [];
      const cursor = this.model<TicketDoc>('Ticket')
        .find({ 'reporter.senderId': trusted({ $ne: ANONYMOUS }) }, { reporter: 1 })
        .lean()
        .cursor();
      for await (const d of cursor) {
        const doc = d as unknown as Pick<TicketDoc, '_id' | 'reporter'>;
        if (match({ number: doc._id, reporter: doc.reporter as unknown as TicketProbe['reporter'] })) out.push(doc._id);
      }
      return out;
    });
  }

  async findEntries(pattern: string): Promise<EntryHit[]> {
    if (!pattern) return [];
    return this.guard(async () => {
      const docs = await this.model<EntryDoc>('Entry')
        .find({ text: trusted({ $regex: pattern, $options: 'i' }) }, { conversationId: 1, from: 1 })
        .lean<Pick<EntryDoc, '_id' | 'conversationId' | 'from'>[]>();
      return docs.map((d) => ({ id: d._id, conversationId: d.conversationId, from: d.from }));
    });
  }

  async idleConversations(before: number, limit: number, offset = 0): Promise<string[]> {
    return this.guard(async () => {
      const docs = await this.model<ConversationDoc>('Conversation')
        .find({ lastMessageAt: trusted({ $lt: Number(before) }), threadId: NOT_ANONYMISED_THREAD() }, { _id: 1 })
        .sort({ lastMessageAt: 1, _id: 1 })
        .skip(offset)
        .limit(limit)
        .lean<{ _id: string }[]>();
      return docs.map((d) => d._id);
    });
  }

  async closedTicketsBefore(before: number, limit: number, offset = 0): Promise<string[]> {
    return this.guard(async () => {
      const docs = await this.model<TicketDoc>('Ticket')
        .find({
          status: trusted({ $in: [...CLOSED_TICKET_STATUSES] }),
          updatedAt: trusted({ $lt: Number(before) }),
          'reporter.senderId': trusted({ $ne: ANONYMOUS }),
        }, { _id: 1 })
        .sort({ createdAt: 1, _id: 1 })
        .skip(offset)
        .limit(limit)
        .lean<{ _id: string }[]>();
      return docs.map((d) => d._id);
    });
  }

  async anonymiseConversation(id: string, scrub: (text: string) => string, now: number): Promise<AnonymisedConversation | null> {
    return this.guard(async () => {
      const Conversation = this.model<ConversationDoc>('Conversation');
      const first = await Conversation.findOne({ _id: id }).lean<ConversationDoc>();
      if (!first || first.threadId.startsWith(ANONYMOUS_THREAD_PREFIX)) return null;
      const released = new Set<string>();
      let entries = await this.rewriteEntries(id, scrub, released);
      for (let attempt = 0; ; attempt++) {
        const doc = await Conversation.findOne({ _id: id }).lean<ConversationDoc>();
        if (!doc || doc.threadId.startsWith(ANONYMOUS_THREAD_PREFIX)) break;
        const next = anonymiseConversationDoc(toConversation(doc), now);
        const res = await Conversation.updateOne(
          { _id: id, version: doc.version },
          {
            $set: {
              threadId: next.threadId,
              identity: next.identity,
              owner: next.owner,
              flowJson: null,
              outboxJson: '[]',
              waitingSince: null,
              unreachable: true,
              updatedAt: next.updatedAt,
              version: doc.version + 1,
            },
          },
        );
        if (res.matchedCount === 1) break;
        if (attempt >= 20) throw new TransientError(`Percakapan ${id} sedang berubah; coba lagi.`);
      }
      entries += await this.rewriteEntries(id, scrub, released);
      return { entries, released: [...released] };
    });
  }

  async forgetTicketKey(number: string): Promise<void> {
    await this.guard(() => this.model<TicketDoc>('Ticket').updateOne({ _id: number }, { $set: { idempotencyKey: `${ANONYMOUS}:${number}` } }));
  }

  async scrubEntries(ids: string[], scrub: (text: string) => string): Promise<number> {
    return this.guard(async () => {
      const Entry = this.model<EntryDoc>('Entry');
      let changed = 0;
      for (const id of new Set(ids)) {
        const doc = await Entry.findOne({ _id: id }).lean<EntryDoc>();
        if (!doc) continue;
        const before = toEntry(doc);
        const after = scrubEntry(before, scrub);
        if (after.text === before.text && JSON.stringify(after.options) === JSON.stringify(before.options)) continue;
        await Entry.updateOne({ _id: id }, { $set: { text: after.text, ...(after.options ? { options: after.options } : {}) } });
        changed++;
      }
      return changed;
    });
  }

  async scrubConversationState(ids: string[], scrub: (text: string) => string): Promise<void> {
    await this.guard(async () => {
      const Conversation = this.model<ConversationDoc>('Conversation');
      for (const id of new Set(ids)) {
        for (let attempt = 0; attempt < 20; attempt++) {
          const doc = await Conversation.findOne({ _id: id }, { flowJson: 1, outboxJson: 1, version: 1 }).lean<Pick<ConversationDoc, '_id' | 'flowJson' | 'outboxJson' | 'version'>>();
          if (!doc) break;
          const flowJson = doc.flowJson == null ? null : JSON.stringify(scrubDeep(JSON.parse(doc.flowJson) as unknown, scrub));
          const outboxJson = JSON.stringify(scrubDeep(JSON.parse(doc.outboxJson ?? '[]') as unknown, scrub));
          if (flowJson === doc.flowJson && outboxJson === (doc.outboxJson ?? '[]')) break;
          const res = await Conversation.updateOne({ _id: id, version: doc.version }, { $set: { flowJson, outboxJson, version: doc.version + 1 } });
          if (res.matchedCount === 1) break;
        }
      }
    });
  }

  async deliveriesOf(conversationIds: string[]): Promise<Delivery[]> {
    if (!conversationIds.length) return [];
    return this.guard(async () => {
      const docs = await this.model<DeliveryDoc>('Delivery')
        .find({ conversationId: trusted({ $in: conversationIds.map(String) }) })
        .sort({ updatedAt: 1 })
        .lean<DeliveryDoc[]>();
      return docs.map((d) => ({ id: d._id, conversationId: d.conversationId, channel: d.channel as Channel, status: d.status as Delivery['status'], attempts: d.attempts, lastError: d.lastError ?? null, updatedAt: d.updatedAt }));
    });
  }

  async deleteDeliveriesOf(conversationIds: string[]): Promise<number> {
    if (!conversationIds.length) return 0;
    return this.guard(async () => (await this.model<DeliveryDoc>('Delivery').deleteMany({ conversationId: trusted({ $in: conversationIds.map(String) }) })).deletedCount);
  }

  async deleteDeliveriesBefore(before: number): Promise<number> {
    return this.guard(async () => (await this.model<DeliveryDoc>('Delivery').deleteMany({ updatedAt: trusted({ $lt: Number(before) }) })).deletedCount);
  }

  async findAudit(pattern: string): Promise<StoredAudit[]> {
    if (!pattern) return [];
    return this.guard(async () => {
      const re = trusted({ $regex: pattern, $options: 'i' });
      const docs = await this.model<AuditDoc>('Audit')
        .find(trusted({ $or: [{ actor: re }, { target: re }, { detailsJson: re }] }))
        .sort({ _id: 1 })
        .lean<(AuditDoc & { _id: mongoose.Types.ObjectId })[]>();
      return docs.map((d) => ({
        key: String(d._id),
        event: { at: d.at, actor: d.actor, action: d.action, target: d.target, ...(d.detailsJson == null ? {} : { details: JSON.parse(d.detailsJson) as Record<string, unknown> }) },
      }));
    });
  }

  async replaceAudit(key: string, event: AuditEvent): Promise<void> {
    if (!mongoose.isValidObjectId(key)) return;
    await this.guard(() =>
      this.model<AuditDoc>('Audit').updateOne(
        { _id: new mongoose.Types.ObjectId(key) },
        { $set: { at: event.at, actor: event.actor, action: event.action, target: event.target, detailsJson: event.details === undefined ? null : JSON.stringify(event.details) } },
      ),
    );
  }

  async deleteAuditBefore(before: number): Promise<number> {
    return this.guard(async () => (await this.model<AuditDoc>('Audit').deleteMany({ at: trusted({ $lt: Number(before) }) })).deletedCount);
  }

  async botEventsOf(conversationIds: string[]): Promise<Record<string, unknown>[]> {
    if (!conversationIds.length) return [];
    return this.guard(async () => {
      const docs = await this.connection().collection(BOT_EVENTS).find({ conversationId: { $in: conversationIds.map(String) } }).sort({ at: 1 }).toArray();
      return docs.map(({ _id, ...rest }) => ({ id: String(_id), ...rest }));
    });
  }

  async scrubBotEvents(conversationIds: string[], scrub: (text: string) => string): Promise<number> {
    if (!conversationIds.length) return 0;
    return this.guard(async () => {
      const events = this.connection().collection(BOT_EVENTS);
      let changed = 0;
      for (const doc of await events.find({ conversationId: { $in: conversationIds.map(String) } }).toArray()) {
        const set: Record<string, string> = {};
        if (typeof doc.text === 'string' && scrub(doc.text) !== doc.text) set.text = scrub(doc.text);
        if (typeof doc.normalized === 'string' && scrub(doc.normalized) !== doc.normalized) set.normalized = scrub(doc.normalized);
        if (!Object.keys(set).length) continue;
        await events.updateOne({ _id: doc._id }, { $set: set });
        changed++;
      }
      return changed;
    });
  }

  async referencedAttachments(keys: string[]): Promise<Set<string>> {
    const wanted = [...new Set(keys)].filter((k) => STORAGE_KEY.test(k));
    if (!wanted.length) return new Set();
    return this.guard(async () => {
      const [inEntries, inTickets] = await Promise.all([
        this.model<EntryDoc>('Entry').distinct('media.storageKey', { 'media.storageKey': trusted({ $in: wanted }) }),
        this.model<TicketDoc>('Ticket').distinct('attachments.storageKey', { 'attachments.storageKey': trusted({ $in: wanted }) }),
      ]);
      const found = new Set([...inEntries, ...inTickets].map(String));
      return new Set(wanted.filter((k) => found.has(k)));
    });
  }

  async flush(): Promise<boolean> {
    return true;
  }

  // ---------------------------------------------------------------- internals

  /** Rewrites the entries of a conversation that are not anonymised yet; returns how many. */
  private async rewriteEntries(conversationId: string, scrub: (text: string) => string, released: Set<string>): Promise<number> {
    const Entry = this.model<EntryDoc>('Entry');
    const docs = await Entry.find({ conversationId }).sort({ seq: 1 }).lean<EntryDoc[]>();
    const stale = docs.filter((d) => d._id !== anonymisedEntryId(conversationId, d.seq));
    if (!stale.length) return 0;
    const fresh = stale.map((d) => entryDoc(anonymiseEntry(toEntry(d), scrub, released), null));
    await Entry.deleteMany({ _id: trusted({ $in: stale.map((d) => d._id) }) });
    try {
      await Entry.insertMany(fresh, { ordered: false, lean: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    return stale.length;
  }

  private model<T>(name: string): Model<T> {
    const conn = this.connection();
    const model = conn.models[name] as Model<T> | undefined;
    if (!model) throw new TransientError('MongoDB belum terhubung.');
    return model;
  }

  private guard<T>(fn: () => Promise<T>): Promise<T> {
    return mongoGuard(fn);
  }
}

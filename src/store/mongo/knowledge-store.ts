/**
 * Knowledge gaps and console-written FAQ entries in MongoDB, on the main store's connection.
 * Without multi-document transactions a save is: the entry (revision-checked, the commit
 * point), then its published version (idempotent id), then the published counter ($inc). A crash
 * between the last two leaves the counter behind; the freshness check's periodic full reload
 * (src/knowledge/freshness.ts) repairs that. Filters are built from validated values only.
 */
import type { Connection } from 'mongoose';
import { TransientError } from '../../domain/errors';
import type { BotEvent, BotEventKind, EntryState, GapQuery, GapRow, KnowledgeEntry, KnowledgeStore, PublishedVersion } from '../../knowledge/port';
import { GAP_KINDS } from '../../knowledge/port';
import { GENERAL_QUEUE_AGENCY } from '../../officers/scope';
import { PUBLISHED_COUNTER } from '../sqlite/knowledge-store';

export const BOT_EVENTS = 'bot_events';
export const REPORT_DIGESTS = 'report_digests';
const ENTRIES = 'knowledge_entries';
const VERSIONS = 'knowledge_versions';

/** Events of these agencies; events without an agency belong to the general queue. */
export function scopeMatch(agencies: string[] | null): Record<string, unknown> {
  if (agencies === null) return {};
  return { agency: { $in: agencies.includes(GENERAL_QUEUE_AGENCY) ? [...agencies, null] : agencies } };
}

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

type EntryDoc = Omit<KnowledgeEntry, 'id'> & { _id: string };
const toEntry = ({ _id, ...rest }: EntryDoc): KnowledgeEntry => ({ id: _id, ...rest });

export class MongoKnowledgeStore implements KnowledgeStore {
  constructor(private readonly connection: () => Connection) {}

  /** A collection of the native driver (the main store's connection; no mongoose buffering). */
  private coll(name: string) {
    const db = this.connection().db;
    if (!db) throw new TransientError('MongoDB belum terhubung.');
    return db.collection(name);
  }

  private entries() {
    const db = this.connection().db;
    if (!db) throw new TransientError('MongoDB belum terhubung.');
    return db.collection<EntryDoc>(ENTRIES);
  }

  async init(): Promise<void> {
    await Promise.all([
      this.coll(BOT_EVENTS).createIndex({ at: 1, kind: 1 }, { name: 'bot_events_at' }),
      this.coll(BOT_EVENTS).createIndex({ conversationId: 1, kind: 1, at: 1 }, { name: 'bot_events_conversation' }),
      this.entries().createIndex({ state: 1, updatedAt: -1 }, { name: 'knowledge_entries_state' }),
      this.entries().createIndex({ updatedAt: -1 }, { name: 'knowledge_entries_updated' }),
      this.coll(VERSIONS).createIndex({ entryId: 1, version: 1 }, { name: 'knowledge_versions_entry' }),
    ]);
  }

  async recordBotEvent(e: BotEvent): Promise<void> {
    const { id, ...rest } = e;
    try {
      await this.coll(BOT_EVENTS).insertOne({ _id: id as never, ...rest, agency: rest.agency ?? null, service: rest.service ?? null });
    } catch (err) {
      if (!isDuplicate(err)) throw err;
    }
  }

  async gapGroups(query: GapQuery): Promise<GapRow[]> {
    const kind = (k: BotEventKind) => ({ $sum: { $cond: [{ $eq: ['$kind', k] }, 1, 0] } });
    const rows = await this.coll(BOT_EVENTS)
      .aggregate(
        [
          { $match: { at: { $gte: query.from, $lt: query.to }, kind: { $in: [...GAP_KINDS] }, normalized: { $type: 'string', $ne: '' }, ...scopeMatch(query.agencies) } },
          { $sort: { at: -1 } },
          {
            $group: {
              _id: '$normalized',
              n: { $sum: 1 },
              lastAt: { $max: '$at' },
              text: { $first: '$text' },
              service: { $first: '$service' },
              unanswered: kind('unanswered'),
              low_confidence: kind('low_confidence'),
              not_helpful: kind('not_helpful'),
            },
          },
          { $sort: { n: -1, lastAt: -1 } },
          { $limit: query.limit },
        ],
        { allowDiskUse: true },
      )
      .toArray();
    return rows.map((r) => {
      const kinds: Partial<Record<BotEventKind, number>> = {};
      for (const k of GAP_KINDS) if (r[k]) kinds[k] = Number(r[k]);
      return { normalized: String(r._id), text: String(r.text ?? r._id), count: Number(r.n), lastAt: Number(r.lastAt), kinds, service: r.service ?? null };
    });
  }

  async createEntry(entry: KnowledgeEntry): Promise<void> {
    const { id, ...rest } = entry;
    await this.entries().insertOne({ _id: id, ...rest });
  }

  async getEntry(id: string): Promise<KnowledgeEntry | null> {
    const doc = await this.entries().findOne({ _id: id });
    return doc ? toEntry(doc) : null;
  }

  async listEntries(filter: { state?: EntryState; limit?: number }): Promise<KnowledgeEntry[]> {
    const docs = await this.entries()
      .find(filter.state ? { state: filter.state } : {})
      .sort({ updatedAt: -1, _id: 1 })
      .limit(filter.limit ?? 500)
      .toArray();
    return docs.map(toEntry);
  }

  async saveEntry(entry: KnowledgeEntry, expectedRevision: number, effects: { publish?: PublishedVersion; changesLive?: boolean } = {}): Promise<boolean> {
    const { id, ...rest } = entry;
    const result = await this.entries().replaceOne({ _id: id, revision: expectedRevision }, { ...rest, revision: expectedRevision + 1 });
    if (result.modifiedCount !== 1) return false;
    if (effects.publish) {
      try {
        await this.coll(VERSIONS).insertOne({ _id: `${id}:${effects.publish.version}` as never, entryId: id, ...effects.publish });
      } catch (err) {
        if (!isDuplicate(err)) throw err;
      }
    }
    if (effects.publish || effects.changesLive) {
      await this.coll('counters').updateOne({ _id: PUBLISHED_COUNTER as never }, { $inc: { value: 1 } }, { upsert: true });
    }
    return true;
  }

  async versions(entryId: string): Promise<PublishedVersion[]> {
    const docs = await this.coll(VERSIONS).find({ entryId }).sort({ version: 1 }).toArray();
    return docs.map((d) => ({
      version: Number(d.version),
      service: d.service ?? null,
      questions: d.questions as string[],
      answer: String(d.answer),
      publishedAt: Number(d.publishedAt),
      publishedBy: String(d.publishedBy),
    }));
  }

  async publishedEntries(): Promise<KnowledgeEntry[]> {
    return this.listEntries({ state: 'published', limit: 100_000 });
  }

  async publishedVersion(): Promise<number> {
    const doc = await this.coll('counters').findOne({ _id: PUBLISHED_COUNTER as never });
    return doc ? Number(doc.value) : 0;
  }
}

/**
 * Facts for the evaluation reports from MongoDB, on the main store's connection. Grouping and
 * projection happen in aggregation pipelines (only the needed fields leave the server); indexes:
 * tickets by createdAt (main store), entries by (at, conversationId, from) and bot events by at
 * (created here). (MongoDB groups the period's entries on the server; the embedded store keeps
 * per-day counts instead.) Filters are built from validated ids and numbers only, never from raw input.
 */
import type { Connection } from 'mongoose';
import { TransientError } from '../../domain/errors';
import type { Channel } from '../../domain/ids';
import type { BotEventKind } from '../../knowledge/port';
import type { ConversationFact, PeriodQuery, ReportsStore, TicketFact, TicketQuery } from '../../reports/port';
import { CLOSED_TICKET_STATUSES } from '../port';
import { BOT_EVENTS, REPORT_DIGESTS, scopeMatch } from './knowledge-store';

export class MongoReportsStore implements ReportsStore {
  constructor(private readonly connection: () => Connection) {}

  /** A collection of the native driver (the main store's connection; no mongoose buffering). */
  private coll(name: string) {
    const db = this.connection().db;
    if (!db) throw new TransientError('MongoDB belum terhubung.');
    return db.collection(name);
  }

  async init(): Promise<void> {
    await this.coll('entries').createIndex({ at: 1, conversationId: 1, from: 1 }, { name: 'entries_at_sender' });
  }

  private ticketMatch(query: Pick<TicketQuery, 'agencies' | 'service'>): Record<string, unknown> {
    return {
      ...(query.service !== null ? { service: query.service } : {}),
      ...(query.agencies !== null ? { agencies: { $in: query.agencies } } : {}),
    };
  }

  async *ticketFacts(query: TicketQuery): AsyncIterable<TicketFact> {
    const cursor = this.coll('tickets').aggregate(
      [
        { $match: { createdAt: { $gte: query.from, $lt: query.to }, ...this.ticketMatch(query) } },
        { $sort: { createdAt: 1, _id: 1 } },
        {
          $project: {
            _id: 1,
            category: 1,
            status: 1,
            priority: 1,
            service: 1,
            agency: 1,
            createdAt: 1,
            updatedAt: 1,
            channel: '$reporter.channel',
            responseDueAt: '$sla.responseDueAt',
            resolveDueAt: '$sla.resolveDueAt',
            pausedMs: '$sla.pausedMs',
            pausedSince: '$sla.pausedSince',
            rating: '$survey.rating',
            comment: '$survey.comment',
            ratedAt: '$survey.at',
            transitions: {
              $map: {
                input: { $filter: { input: '$history', as: 'h', cond: { $eq: ['$$h.action', 'status'] } } },
                as: 'h',
                in: ['$$h.at', '$$h.from', '$$h.to'],
              },
            },
          },
        },
      ],
      { allowDiskUse: true, batchSize: 1000 },
    );
    for await (const d of cursor) {
      yield {
        number: String(d._id),
        category: d.category,
        status: d.status,
        priority: d.priority,
        service: d.service ?? null,
        agency: d.agency,
        channel: d.channel as Channel,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt ?? d.createdAt,
        responseDueAt: Number(d.responseDueAt),
        resolveDueAt: Number(d.resolveDueAt),
        pausedMs: Number(d.pausedMs ?? 0),
        pausedSince: d.pausedSince === null || d.pausedSince === undefined ? null : Number(d.pausedSince),
        transitions: (d.transitions ?? []) as TicketFact['transitions'],
        rating: typeof d.rating === 'number' ? d.rating : null,
        comment: typeof d.comment === 'string' ? d.comment : null,
        ratedAt: typeof d.ratedAt === 'number' ? d.ratedAt : null,
      };
    }
  }

  async *conversationFacts(query: PeriodQuery & { withScope: boolean }): AsyncIterable<ConversationFact> {
    const period = { $gte: query.from, $lt: query.to };
    const [withTicket, handedOff] = await Promise.all([
      this.coll('tickets').distinct('reporterConversationId', { createdAt: period }),
      this.coll(BOT_EVENTS).distinct('conversationId', { at: period, kind: 'handoff' }),
    ]);
    const tickets = new Set(withTicket.map(String));
    const handoffs = new Set(handedOff.map(String));
    const count = (from: string) => ({ $sum: { $cond: [{ $eq: ['$from', from] }, 1, 0] } });
    const cursor = this.coll('entries').aggregate(
      [
        { $match: { at: period } },
        { $group: { _id: '$conversationId', user: count('user'), bot: count('bot'), agent: count('agent') } },
        { $lookup: { from: 'conversations', localField: '_id', foreignField: '_id', as: 'c' } },
        { $unwind: '$c' },
        { $project: { user: 1, bot: 1, agent: 1, channel: '$c.channel', agency: '$c.agency', service: '$c.service' } },
      ],
      { allowDiskUse: true, batchSize: 1000 },
    );
    for await (const d of cursor) {
      const id = String(d._id);
      yield {
        channel: d.channel as Channel,
        agency: query.withScope ? (d.agency ?? null) : null,
        service: query.withScope ? (d.service ?? null) : null,
        user: d.user,
        bot: d.bot,
        agent: d.agent,
        ticket: tickets.has(id),
        handoff: handoffs.has(id),
      };
    }
  }

  async botEventCounts(query: TicketQuery): Promise<Partial<Record<BotEventKind, number>>> {
    const rows = await this.coll(BOT_EVENTS)
      .aggregate([
        { $match: { at: { $gte: query.from, $lt: query.to }, ...(query.service !== null ? { service: query.service } : {}), ...scopeMatch(query.agencies) } },
        { $group: { _id: '$kind', n: { $sum: 1 } } },
      ])
      .toArray();
    return Object.fromEntries(rows.map((r) => [String(r._id), Number(r.n)]));
  }

  async backlog(query: Omit<TicketQuery, 'from' | 'to'> & { now: number }): Promise<{ open: number; overdue: number }> {
    const open = { status: { $nin: [...CLOSED_TICKET_STATUSES] }, ...this.ticketMatch(query) };
    const [n, overdue] = await Promise.all([
      this.coll('tickets').countDocuments(open),
      this.coll('tickets').countDocuments({ ...open, dueAt: { $ne: null, $lt: query.now } }),
    ]);
    return { open: n, overdue };
  }

  async claimDigest(month: string, agency: string, at: number): Promise<boolean> {
    try {
      await this.coll(REPORT_DIGESTS).insertOne({ _id: `${month}:${agency}` as never, month, agency, at });
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }
}

/** TicketStats on MongoDB: one aggregation over the tickets collection (status index). */
import type { Connection } from 'mongoose';
import { CLOSED_TICKET_STATUSES } from '../port';
import type { AgencyTicketCounts, TicketStats } from '../../tickets/ticket-stats';

export class MongoTicketStats implements TicketStats {
  /** `connection` returns the open connection of the main store (MongoStore.mongoConnection). */
  constructor(private readonly connection: () => Connection) {}

  async openByAgency(now: number): Promise<AgencyTicketCounts[]> {
    const db = this.connection().db;
    if (!db) throw new Error('MongoDB belum terhubung.');
    const rows = await db
      .collection('tickets')
      .aggregate<{ _id: string; open: number; overdue: number }>([
        { $match: { status: { $nin: [...CLOSED_TICKET_STATUSES] } } },
        {
          $group: {
            _id: '$agency',
            open: { $sum: 1 },
            // dueAt is the effective resolve deadline, null while paused (see models.ts).
            overdue: { $sum: { $cond: [{ $and: [{ $isNumber: '$dueAt' }, { $lt: ['$dueAt', now] }] }, 1, 0] } },
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    return rows.map((r) => ({ agency: r._id, open: r.open, overdue: r.overdue }));
  }
}

/** TicketStats on the embedded store: one GROUP BY over the tickets table (indexed by status). */
import type Database from 'better-sqlite3';
import { CLOSED_TICKET_STATUSES } from '../port';
import type { AgencyTicketCounts, TicketStats } from '../../tickets/ticket-stats';

const SQL = `SELECT agency, COUNT(*) AS open, SUM(CASE WHEN due_at IS NOT NULL AND due_at < ? THEN 1 ELSE 0 END) AS overdue
  FROM tickets WHERE status NOT IN (${CLOSED_TICKET_STATUSES.map(() => '?').join(', ')})
  GROUP BY agency ORDER BY agency`;

export class SqliteTicketStats implements TicketStats {
  /** `db` returns the open handle of the main store (SqliteStore.database()). */
  constructor(private readonly db: () => Database.Database) {}

  async openByAgency(now: number): Promise<AgencyTicketCounts[]> {
    const rows = this.db().prepare(SQL).all(now, ...CLOSED_TICKET_STATUSES) as { agency: string; open: number; overdue: number }[];
    return rows.map((r) => ({ agency: r.agency, open: r.open, overdue: r.overdue }));
  }
}

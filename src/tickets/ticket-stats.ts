/**
 * Counts of open tickets for monitoring (GET /metrics), answered by one aggregate query in the
 * store (bounded cost, however many tickets exist). Adapters: src/store/sqlite/ticket-stats-store.ts
 * and src/store/mongo/ticket-stats-store.ts; contract: test/contract/ticket-stats.contract.ts.
 */
import type { AgencyId } from '../domain/ids';

export interface AgencyTicketCounts {
  /** The ticket's primary agency (co-agencies are not counted again). */
  agency: AgencyId;
  /** Tickets not closed (status other than selesai, ditutup, ditolak). */
  open: number;
  /** Open tickets whose resolve clock runs and whose deadline (`ticketResolveDeadline`) is before `now`. */
  overdue: number;
}

export interface TicketStats {
  /** One row per agency with at least one open ticket, sorted by agency id. */
  openByAgency(now: number): Promise<AgencyTicketCounts[]>;
}

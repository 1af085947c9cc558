/**
 * The clocks of one ticket as the report reads them, with the same rules as src/tickets/sla.ts:
 * first response = the first status change away from `baru`; resolution = the first change to
 * `selesai` or `ditolak` of a ticket now in a closed status. Times are WORKING minutes (office
 * hours of the business calendar); the resolution time leaves out the working time the ticket
 * waited on the reporter (status `menunggu_pelapor`, the paused clock).
 *
 * A target is met when the clock stopped by its due time, missed when it stopped later or is
 * still running past it at `now`, and undecided (null) while running within it.
 */
import { CLOSED_TICKET_STATUSES } from '../store/port';
import type { TicketFact } from './port';
import type { WorkingTime } from './working-time';

const WAITING = 'menunggu_pelapor';

export interface TicketMetrics {
  respondedAt: number | null;
  resolvedAt: number | null;
  /** Working minutes from creation to the first response. */
  responseMinutes: number | null;
  /** Working minutes from creation to resolution, without the time waiting on the reporter. */
  resolutionMinutes: number | null;
  responseMet: boolean | null;
  resolutionMet: boolean | null;
  open: boolean;
  /** Open and past its resolution deadline at `now` (as the ticket list's `overdue` filter). */
  overdue: boolean;
}

export function ticketMetrics(t: TicketFact, wt: WorkingTime, now: number): TicketMetrics {
  const open = !CLOSED_TICKET_STATUSES.includes(t.status);
  const respondedAt = t.transitions.find(([, from]) => from === 'baru')?.[0] ?? null;
  let resolvedAt: number | null = null;
  if (!open) resolvedAt = t.transitions.find(([, , to]) => to === 'selesai' || to === 'ditolak')?.[0] ?? t.updatedAt;

  let responseMet: boolean | null = null;
  if (respondedAt !== null) responseMet = respondedAt <= t.responseDueAt;
  else if (now > t.responseDueAt) responseMet = false;

  let resolutionMet: boolean | null = null;
  let overdue = false;
  if (resolvedAt !== null) resolutionMet = resolvedAt <= t.resolveDueAt;
  else if (t.pausedSince === null) {
    // As slaState: the due time (moved by each pause) has passed while the clock runs.
    if (now > t.resolveDueAt) resolutionMet = false;
    // As TicketFilter.overdueAt (ticketResolveDeadline), so the figure matches the ticket list.
    overdue = now > t.resolveDueAt + t.pausedMs;
  }

  let resolutionMinutes: number | null = null;
  if (resolvedAt !== null) {
    let paused = 0;
    let waitingSince: number | null = null;
    for (const [at, from, to] of t.transitions) {
      if (at > resolvedAt) break;
      if (to === WAITING && waitingSince === null) waitingSince = at;
      else if (from === WAITING && waitingSince !== null) {
        paused += wt.between(waitingSince, at);
        waitingSince = null;
      }
    }
    resolutionMinutes = Math.max(0, wt.between(t.createdAt, resolvedAt) - paused);
  }

  return {
    respondedAt,
    resolvedAt,
    responseMinutes: respondedAt === null ? null : wt.between(t.createdAt, respondedAt),
    resolutionMinutes,
    responseMet,
    resolutionMet,
    open,
    overdue,
  };
}

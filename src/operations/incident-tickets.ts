/**
 * What an incident does to the tickets linked to it (pure; the caller writes through
 * Store.updateTicket, so each change is atomic and idempotent):
 * - linked: a new report is assigned to the incident's handling (baru -> ditugaskan, the first
 *   response) and its resolution clock stops, so 500 reports of one outage escalate as one
 *   incident instead of 500 tickets; the history says so.
 * - incident resolved: the clock runs again, and with a ticket resolution the ticket goes to
 *   `selesai` (through the allowed steps) with the one note the officer wrote.
 */
import { CLOSED_TICKET_STATUSES, type Ticket } from '../store/port';
import { applyStatusChange, type BusinessCalendar, pauseSla, resumeSla } from '../tickets';
import type { TicketStatus } from '../domain/ids';
import type { Incident } from './types';

export const linkedNote = (incident: Pick<Incident, 'id' | 'title'>) =>
  `Ditautkan ke insiden ${incident.id} (${incident.title}); ditangani bersama insiden, jam SLA mengikuti insiden.`;

export function isLinkedTo(ticket: Ticket, incidentId: string): boolean {
  return ticket.history.some((h) => h.by === 'system' && h.note?.startsWith(`Ditautkan ke insiden ${incidentId} `));
}

export function markLinked(ticket: Ticket, incident: Pick<Incident, 'id' | 'title'>, now: number, calendar: BusinessCalendar): Ticket {
  if (isLinkedTo(ticket, incident.id) || CLOSED_TICKET_STATUSES.includes(ticket.status)) return ticket;
  const note = linkedNote(incident);
  const next =
    ticket.status === 'baru'
      ? applyStatusChange(ticket, 'ditugaskan', 'system', note, now, calendar)
      : { ...ticket, history: [...ticket.history, { at: now, by: 'system', action: 'catatan' as const, note }], updatedAt: now };
  return { ...next, sla: pauseSla(next.sla, now) };
}

const PATH_TO_DONE: Partial<Record<TicketStatus, TicketStatus[]>> = {
  baru: ['ditugaskan', 'diproses', 'selesai'],
  ditugaskan: ['diproses', 'selesai'],
  diproses: ['selesai'],
  menunggu_pelapor: ['diproses', 'selesai'],
};

/** The ticket after its incident was resolved by `by`; unchanged when already final. */
export function afterIncident(ticket: Ticket, incident: Pick<Incident, 'id' | 'ticketResolution'>, by: string, now: number, calendar: BusinessCalendar): Ticket {
  if (CLOSED_TICKET_STATUSES.includes(ticket.status)) return ticket;
  // The clock this incident stopped runs again (one stopped for the citizen stays stopped).
  let next: Ticket = ticket.status === 'menunggu_pelapor' ? ticket : { ...ticket, sla: resumeSla(ticket.sla, now, calendar) };
  if (!incident.ticketResolution) return { ...next, updatedAt: now };
  const steps = PATH_TO_DONE[next.status] ?? [];
  steps.forEach((to, i) => {
    const last = i === steps.length - 1;
    next = applyStatusChange(next, to, by, last ? `${incident.ticketResolution!.note} (insiden ${incident.id})` : `Insiden ${incident.id} selesai.`, now, calendar);
  });
  if (!next.assignee && by !== 'monitor' && by !== 'system') next = { ...next, assignee: by };
  return next;
}

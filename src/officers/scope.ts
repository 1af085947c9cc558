/**
 * Who may see and do what (guideline BAB IV). One place decides; every route asks here.
 *
 * - koordinator-layanan (Diskominfo): reads and acts on every conversation and ticket; reassigns
 *   any ticket; edits every agency's canned responses; creates Telegram group codes.
 * - koordinator-pemulihan (Diskominfo): reads every conversation and ticket (to spot incidents
 *   across services); acts on incidents (tickets of category gangguan or masalah, of every
 *   agency, and conversations linked to one) and, as a Diskominfo officer, on Diskominfo's own
 *   conversations and tickets (including the general queue); reassigns the tickets it may act on;
 *   creates Telegram group codes.
 * - pengelola-layanan (any agency): reads and acts on its agency's conversations and tickets
 *   (ticket.agency or ticket.coAgencies; conversation.agency or the agency of its linked ticket);
 *   reassigns tickets whose primary agency is its own; edits its agency's canned responses.
 * - pengelola-teknis (any agency): as pengelola-layanan, but does not reassign.
 * - penyedia-layanan (any agency, head of the service): reads its agency's tickets (reporter's
 *   contact details withheld) and canned responses; no chats; every action is refused (403).
 *
 * A conversation with no agency (service unknown) is in the general queue, run by Diskominfo.
 */
import type { AgencyId, OfficerRole, TicketCategory } from '../domain/ids';
import type { Conversation, Officer, Ticket } from '../store/port';

export const GENERAL_QUEUE_AGENCY: AgencyId = 'diskominfo';
export const KOORDINATOR_ROLES: readonly OfficerRole[] = ['koordinator-layanan', 'koordinator-pemulihan'];
/** Roles reserved for the Unit Pengelola TIK (Diskominfo). */
export const DISKOMINFO_ONLY_ROLES: readonly OfficerRole[] = KOORDINATOR_ROLES;
export const INCIDENT_CATEGORIES: readonly TicketCategory[] = ['gangguan', 'masalah'];

export type Who = Pick<Officer, 'id' | 'role' | 'agency'>;

export const ROLE_LABELS: Readonly<Record<OfficerRole, string>> = {
  'koordinator-layanan': 'Koordinator Layanan',
  'koordinator-pemulihan': 'Koordinator Pemulihan',
  'pengelola-teknis': 'Pengelola Teknis',
  'penyedia-layanan': 'Penyedia Layanan',
  'pengelola-layanan': 'Pengelola Layanan',
};

export const ticketAgencies = (t: Pick<Ticket, 'agency' | 'coAgencies'>): AgencyId[] => [t.agency, ...t.coAgencies];
export const conversationAgency = (c: Pick<Conversation, 'agency'>): AgencyId => c.agency ?? GENERAL_QUEUE_AGENCY;
const isIncident = (t: Pick<Ticket, 'category'> | null | undefined) => !!t && INCIDENT_CATEGORIES.includes(t.category);
const isWorker = (o: Who) => o.role === 'pengelola-layanan' || o.role === 'pengelola-teknis';

/** Reads every ticket and conversation. */
export function readsEverything(o: Who): boolean {
  return KOORDINATOR_ROLES.includes(o.role);
}

export function canReadTicket(o: Who, t: Pick<Ticket, 'agency' | 'coAgencies'>): boolean {
  return readsEverything(o) || ticketAgencies(t).includes(o.agency);
}

export function canActOnTicket(o: Who, t: Pick<Ticket, 'agency' | 'coAgencies' | 'category'>): boolean {
  switch (o.role) {
    case 'koordinator-layanan':
      return true;
    case 'koordinator-pemulihan':
      return isIncident(t) || ticketAgencies(t).includes(o.agency);
    case 'pengelola-layanan':
    case 'pengelola-teknis':
      return ticketAgencies(t).includes(o.agency);
    case 'penyedia-layanan':
      return false;
  }
}

export function canReassignTicket(o: Who, t: Pick<Ticket, 'agency' | 'coAgencies' | 'category'>): boolean {
  if (o.role === 'koordinator-layanan') return true;
  if (o.role === 'koordinator-pemulihan') return canActOnTicket(o, t);
  return o.role === 'pengelola-layanan' && t.agency === o.agency;
}

/** Whether the ticket's reporter details (name, contact, NIP) may be shown. */
export function seesReporterDetails(o: Who): boolean {
  return o.role !== 'penyedia-layanan';
}

/** `linked`: the conversation's linked ticket, when it has one (null otherwise). */
export function canReadConversation(o: Who, c: Pick<Conversation, 'agency'>, linked: Ticket | null): boolean {
  if (readsEverything(o)) return true;
  if (!isWorker(o)) return false;
  return conversationAgency(c) === o.agency || (!!linked && ticketAgencies(linked).includes(o.agency));
}

export function canActOnConversation(o: Who, c: Pick<Conversation, 'agency'>, linked: Ticket | null): boolean {
  switch (o.role) {
    case 'koordinator-layanan':
      return true;
    case 'koordinator-pemulihan':
      return conversationAgency(c) === o.agency || isIncident(linked);
    case 'pengelola-layanan':
    case 'pengelola-teknis':
      return canReadConversation(o, c, linked);
    case 'penyedia-layanan':
      return false;
  }
}

/** Whether the officer may use conversations at all (list, open, stream them). */
export function usesChats(o: Who): boolean {
  return o.role !== 'penyedia-layanan';
}

export function canReadCanned(o: Who, agency: AgencyId): boolean {
  return readsEverything(o) || o.agency === agency;
}

export function canEditCanned(o: Who, agency: AgencyId): boolean {
  if (o.role === 'koordinator-layanan') return true;
  if (o.role === 'penyedia-layanan') return false;
  return o.agency === agency;
}

export function canCreateGroupCode(o: Who): boolean {
  return KOORDINATOR_ROLES.includes(o.role);
}

/** Outbound deliveries (failed ones above all) span every agency: the koordinators watch them. */
export function canReadDeliveries(o: Who): boolean {
  return KOORDINATOR_ROLES.includes(o.role);
}

/** Live 'inbox' events: which ones reach this officer's console. */
export function seesInboxEvent(o: Who, event: Record<string, unknown>): boolean {
  if (readsEverything(o)) return true;
  const kind = String(event.kind ?? '');
  const agency = typeof event.agency === 'string' ? event.agency : GENERAL_QUEUE_AGENCY;
  const co = Array.isArray(event.coAgencies) ? (event.coAgencies as unknown[]) : [];
  const mine = agency === o.agency || co.includes(o.agency);
  if (o.role === 'penyedia-layanan') return mine && (kind.startsWith('ticket') || kind === 'escalation');
  return mine;
}

/** Officer accounts (create, deactivate, role, agency, password): the koordinator-layanan only. */
export function canManageOfficers(o: Who): boolean {
  return o.role === 'koordinator-layanan';
}

/** The audit trail (every agency's actions): the koordinators. */
export function canReadAudit(o: Who): boolean {
  return KOORDINATOR_ROLES.includes(o.role);
}

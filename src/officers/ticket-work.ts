/**
 * What officers do on a ticket besides its status: search in scope, internal notes (never sent to
 * the reporter), assignment to a named officer ("Tiket saya"), priority. Nothing here tells the
 * reporter or the assignee anything through a channel; every change is audited and published to
 * the consoles.
 *
 * A ticket outside the officer's scope answers exactly like a missing one (404), so ticket numbers
 * of other agencies cannot be probed.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, UserInputError } from '../domain/errors';
import { TICKET_CATEGORIES, TICKET_PRIORITIES, type TicketCategory, type TicketPriority } from '../domain/ids';
import { type Officer, SEARCH_SCAN_LIMIT, type Ticket } from '../store/port';
import { searchTerms } from '../store/search-terms';
import { slaTimerKey } from '../engine/ticket-desk';
import { computeSla, defaultPriority } from '../tickets';
import { audit, type OfficerDeps, publishConsole, reporterOf } from './deps';
import { canActOnConversation, canActOnTicket, canReadConversation, canReadTicket, GENERAL_QUEUE_AGENCY, readsEverything, ROLE_LABELS, usesChats } from './scope';
import type { TicketActions, TicketView } from './ticket-actions';

export interface AssignableOfficer {
  id: string;
  name: string;
  role: Officer['role'];
  roleLabel: string;
  agency: string;
}

export interface SearchPage {
  tickets: TicketView[];
  more: boolean;
  offset: number;
}

export interface TicketWork {
  search(officer: Officer, input: { q: string; offset: number; limit: number }): Promise<SearchPage>;
  addNote(officer: Officer, number: string, text: string): Promise<TicketView>;
  /** Officers the ticket can be assigned to (active, allowed to work it). */
  assignable(officer: Officer, number: string): Promise<AssignableOfficer[]>;
  /** officerId null: nobody. */
  assign(officer: Officer, number: string, officerId: string | null): Promise<TicketView>;
  setPriority(officer: Officer, number: string, priority: string): Promise<TicketView>;
  /** Opens a ticket for the person of a chat (reporter = that chat) and links the chat to it. */
  createFromConversation(officer: Officer, conversationId: string, input: NewTicketInput): Promise<TicketView>;
}

export interface NewTicketInput {
  category: string;
  service?: string | null;
  agency?: string;
  priority?: string;
  summary: string;
  description?: string;
}

export const MAX_SEARCH_OFFSET = SEARCH_SCAN_LIMIT;

export function createTicketWork(deps: OfficerDeps, tickets: Pick<TicketActions, 'view' | 'get'>): TicketWork {
  const { store, now } = deps;

  async function load(officer: Officer, number: string, need: 'read' | 'act'): Promise<Ticket> {
    const t = await store.getTicket(number);
    if (!t || !canReadTicket(officer, t)) throw new NotFoundError(`Tiket ${number} tidak ditemukan.`);
    if (need === 'act' && !canActOnTicket(officer, t)) throw new ForbiddenError('Anda tidak berwenang mengubah tiket ini.');
    return t;
  }

  function published(t: Ticket, by: Officer, change: string): void {
    publishConsole(deps, { kind: 'ticket-updated', ticket: t.number, agency: t.agency, coAgencies: t.coAgencies, category: t.category, status: t.status, by: by.id, change });
  }

  function mayWork(candidate: Officer, t: Ticket): boolean {
    return candidate.active && candidate.role !== 'penyedia-layanan' && canActOnTicket(candidate, t);
  }

  async function candidates(t: Ticket): Promise<Officer[]> {
    const seen = new Map<string, Officer>();
    const lists = await Promise.all([
      ...[t.agency, ...t.coAgencies].map((agency) => store.listOfficers({ agency })),
      store.listOfficers({ role: 'koordinator-layanan' }),
      store.listOfficers({ role: 'koordinator-pemulihan' }),
    ]);
    for (const o of lists.flat()) if (mayWork(o, t)) seen.set(o.id, o);
    return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, 'id'));
  }

  return {
    async search(officer, input) {
      const q = input.q.trim();
      const terms = searchTerms(q);
      if (!terms.numberPrefix && !terms.words.length) throw new UserInputError('Kata pencarian harus berisi huruf atau angka.');
      const result = await store.searchTickets({
        text: q,
        ...(readsEverything(officer) ? {} : { agencies: [officer.agency] }),
        limit: input.limit,
        offset: input.offset,
      });
      const views = result.tickets.filter((t) => canReadTicket(officer, t)).map((t) => tickets.view(officer, t));
      return { tickets: views, more: result.more, offset: input.offset };
    },

    async addNote(officer, number, text) {
      await load(officer, number, 'act');
      const t = await store.updateTicket(number, (cur) => ({
        ...cur,
        history: [...cur.history, { at: now(), by: officer.id, action: 'catatan', note: text }],
        updatedAt: now(),
      }));
      await audit(deps, officer.id, 'ticket.note', `ticket:${number}`);
      published(t, officer, 'note');
      return tickets.get(officer, number);
    },

    async assignable(officer, number) {
      const t = await load(officer, number, 'read');
      return (await candidates(t)).map((o) => ({ id: o.id, name: o.name, role: o.role, roleLabel: ROLE_LABELS[o.role], agency: o.agency }));
    },

    async assign(officer, number, officerId) {
      const before = await load(officer, number, 'act');
      if (before.status === 'ditutup' || before.status === 'ditolak') throw new ConflictError(`Tiket ${number} sudah final dan tidak dapat ditugaskan.`);
      if (officerId !== null) {
        const target = await store.getOfficer(officerId);
        if (!target || !target.active) throw new UserInputError(`Petugas '${officerId}' tidak dikenal atau tidak aktif.`);
        if (!mayWork(target, before)) throw new UserInputError(`${target.name} tidak dapat menangani tiket ini (di luar perangkat daerahnya atau hanya membaca).`);
      }
      let from: string | null = null;
      const t = await store.updateTicket(number, (cur) => {
        from = cur.assignee;
        if (cur.assignee === officerId) return cur;
        return {
          ...cur,
          assignee: officerId,
          history: [...cur.history, { at: now(), by: officer.id, action: 'penugasan', from: cur.assignee ?? '', to: officerId ?? '' }],
          updatedAt: now(),
        };
      });
      if (from !== officerId) {
        await audit(deps, officer.id, 'ticket.assign', `ticket:${number}`, { from, to: officerId });
        published(t, officer, 'assign');
      }
      return tickets.get(officer, number);
    },

    async createFromConversation(officer, conversationId, input) {
      if (!usesChats(officer)) throw new ForbiddenError('Peran Anda tidak menangani percakapan.');
      const c = await store.getConversation(conversationId);
      const linked = c?.ticketNumber ? await store.getTicket(c.ticketNumber) : null;
      if (!c || !canReadConversation(officer, c, linked)) throw new NotFoundError('Percakapan tidak ditemukan.');
      if (!canActOnConversation(officer, c, linked)) throw new ForbiddenError('Anda tidak berwenang menangani percakapan ini.');
      if (!(TICKET_CATEGORIES as readonly string[]).includes(input.category)) {
        throw new UserInputError(`Kategori '${input.category.slice(0, 40)}' tidak dikenal. Pilih dari: ${TICKET_CATEGORIES.join(', ')}.`);
      }
      const category = input.category as TicketCategory;
      const service = input.service ? deps.knowledge.services.get(input.service) : null;
      if (input.service && !service) throw new UserInputError(`Layanan '${input.service.slice(0, 40)}' tidak dikenal.`);
      const agency = input.agency ?? service?.owners[0] ?? c.agency ?? GENERAL_QUEUE_AGENCY;
      if (!deps.knowledge.agencies.has(agency)) throw new UserInputError(`Perangkat daerah '${agency.slice(0, 40)}' tidak dikenal.`);
      if (!canActOnTicket(officer, { agency, coAgencies: [], category })) throw new ForbiddenError('Anda tidak berwenang membuat tiket untuk perangkat daerah itu.');
      if (input.priority !== undefined && !(TICKET_PRIORITIES as readonly string[]).includes(input.priority)) {
        throw new UserInputError(`Prioritas '${input.priority.slice(0, 40)}' tidak dikenal. Pilih dari: ${TICKET_PRIORITIES.join(', ')}.`);
      }
      const priority = (input.priority as TicketPriority | undefined) ?? defaultPriority(deps.sla, category, service?.kind ?? null);
      const description =
        input.description ??
        (await store.transcript(c.id))
          .filter((e) => e.from === 'user' && e.text)
          .slice(-5)
          .map((e) => e.text)
          .join('\n')
          .slice(0, 2000);
      const t = await deps.tickets.open({
        category,
        service: service?.id ?? null,
        agency,
        coAgencies: [],
        priority,
        summary: input.summary,
        description,
        reporter: reporterOf(c),
        attachments: [],
        idempotencyKey: `officer:${officer.id}:${c.id}:${randomUUID()}`,
        createdAt: now(),
        createdBy: officer.id,
      });
      // Link the chat to it (the last ticket of a chat is the one it shows).
      for (let attempt = 0; attempt < 5; attempt++) {
        const cur = await store.getConversation(c.id);
        if (!cur || (await store.saveConversation({ ...cur, ticketNumber: t.number, updatedAt: now() }, cur.version))) break;
      }
      await audit(deps, officer.id, 'ticket.create', `ticket:${t.number}`, { conversation: c.id });
      publishConsole(deps, { kind: 'conversation-changed', conversationId: c.id, agency: c.agency, by: officer.id });
      return tickets.get(officer, t.number);
    },

    async setPriority(officer, number, priority) {
      if (!(TICKET_PRIORITIES as readonly string[]).includes(priority)) {
        throw new UserInputError(`Prioritas '${priority.slice(0, 40)}' tidak dikenal. Pilih dari: ${TICKET_PRIORITIES.join(', ')}.`);
      }
      const to = priority as TicketPriority;
      await load(officer, number, 'act');
      let from: TicketPriority | null = null;
      const t = await store.updateTicket(number, (cur) => {
        from = cur.priority;
        if (cur.priority === to) return cur;
        // The SLA targets follow the priority (flows/sla.yaml), counted from the ticket's creation.
        const targets = computeSla(deps.sla, deps.calendar, cur.category, to, cur.createdAt);
        return {
          ...cur,
          priority: to,
          sla: { ...cur.sla, responseDueAt: targets.responseDueAt, resolveDueAt: targets.resolveDueAt },
          history: [...cur.history, { at: now(), by: officer.id, action: 'prioritas', from: cur.priority, to }],
          updatedAt: now(),
        };
      });
      if (from !== to) {
        await audit(deps, officer.id, 'ticket.priority', `ticket:${number}`, { from, to });
        // The due times moved: re-arm their timers (the one-minute sweep is the backstop).
        for (const which of ['response', 'resolve'] as const) {
          await deps.queue
            .schedule({ key: slaTimerKey(number, which), kind: 'sla-check', payload: { ticket: number } }, which === 'response' ? t.sla.responseDueAt : t.sla.resolveDueAt)
            .catch((err) => deps.logger.warn('could not re-schedule the SLA timer', { ticket: number, err }));
        }
        published(t, officer, 'priority');
      }
      return tickets.view(officer, t);
    },
  };
}

/**
 * Tickets as officers work them: lists and details in scope, status changes (told to the reporter
 * on their own channel, SLA paused while waiting on the citizen), internal notes, reassignment to
 * another agency, and the satisfaction survey when a ticket is finished.
 */
import { maskContact, maskIdNumber, maskPhone } from '../privacy/display-mask';
import { createScrubber } from '../privacy/scrub';
import { ConflictError, ForbiddenError, NotFoundError, UserInputError } from '../domain/errors';
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES, type TicketCategory, type TicketPriority, type TicketStatus } from '../domain/ids';
import { slaTimerKey } from '../engine/ticket-desk';
import type { MediaRef } from '../domain/messages';
import type { Officer, Ticket, TicketFilter } from '../store/port';
import { allowedNextStatuses, applyStatusChange, CATEGORY_LABELS, describeStatusChange, isTicketStatus, type SlaState, slaState, STATUS_LABELS } from '../tickets';
import { agencyName, audit, type OfficerDeps, publishConsole } from './deps';
import { canActOnTicket, canReadTicket, canReassignTicket, readsEverything, seesReporterDetails } from './scope';

/** Labels of ticket priorities as officers read them. */
export const PRIORITY_LABELS: Readonly<Record<string, string>> = { rendah: 'Rendah', sedang: 'Sedang', tinggi: 'Tinggi', kritis: 'Kritis' };

export const ticketAttachmentUrl = (number: string, storageKey: string) => `/api/v1/tickets/${encodeURIComponent(number)}/attachments/${encodeURIComponent(storageKey)}`;

export interface TicketView extends Omit<Ticket, 'attachments'> {
  /** The ticket's files; stored ones carry the URL of the officers' download route. */
  attachments: (Ticket['attachments'][number] & { url?: string })[];
  agencyName: string | null;
  coAgencyNames: (string | null)[];
  serviceName: string | null;
  statusLabel: string;
  categoryLabel: string;
  priorityLabel: string;
  /** The assigned officer's name (ticket details only; lists carry the id). */
  assigneeName?: string | null;
  slaState: SlaState;
  /** A running SLA clock is past its target. */
  overdue: boolean;
  allowedNext: readonly TicketStatus[];
  canAct: boolean;
  canReassign: boolean;
}

export interface TicketListFilter {
  status?: string;
  agency?: string;
  service?: string;
  category?: string;
  overdue?: boolean;
  /** 'me' or an officer id: tickets assigned to them. */
  assignee?: string;
  /** Comma-separated priorities. */
  priority?: string;
  /** Default 500. */
  limit?: number;
  offset?: number;
}

/** A running clock (not met, not paused) past its due time. */
export function isOverdue(ticket: Ticket, state: SlaState): boolean {
  return (state.response.metAt === null && state.response.breached) || (!state.paused && state.resolution.metAt === null && state.resolution.breached);
}

export interface TicketActions {
  /** Lists carry no usable personal data: contacts, NIP and numbers in the texts come masked. */
  list(officer: Officer, filter: TicketListFilter): Promise<TicketView[]>;
  /** The reporter's contact and NIP come masked unless `full` (audited as 'ticket.reporter-view'). */
  get(officer: Officer, number: string, options?: { full?: boolean }): Promise<TicketView>;
  change(officer: Officer, number: string, input: { status?: string; note?: string }): Promise<TicketView>;
  reassign(officer: Officer, number: string, input: { agency: string; reason: string }): Promise<TicketView>;
  promptSurvey(number: string): Promise<void>;
  /** A ticket as an officer may see it; the reporter's contact and NIP masked unless `full`. */
  view(officer: Officer, ticket: Ticket, full?: boolean): TicketView;
  /** A file of the ticket (its attachments or a reporter's answer), with its bytes, scope-checked. */
  attachment(officer: Officer, number: string, storageKey: string): Promise<{ ref: MediaRef; bytes: Buffer }>;
}

const listScrubber = createScrubber();

/** The reporter as lists and default views show them: recognisable, not usable. */
function maskedReporter(r: Ticket['reporter']): Ticket['reporter'] {
  return {
    ...r,
    ...(r.contact ? { contact: maskContact(r.contact) } : {}),
    ...(r.nip ? { nip: maskIdNumber(r.nip) } : {}),
  };
}

/** A list row: no history, texts with numbers and addresses masked, a WhatsApp number masked. */
function listed(v: TicketView): TicketView {
  return {
    ...v,
    summary: listScrubber(v.summary),
    description: listScrubber(v.description),
    history: [],
    reporter: v.reporter.channel === 'whatsapp' && v.reporter.senderId ? { ...v.reporter, senderId: maskPhone(v.reporter.senderId) } : v.reporter,
  };
}

export function createTicketActions(deps: OfficerDeps): TicketActions {
  const { store, now, calendar } = deps;

  function view(officer: Officer, t: Ticket, full = false): TicketView {
    const state = slaState(t, now(), calendar);
    const reporter = !seesReporterDetails(officer) ? { conversationId: '', channel: t.reporter.channel, senderId: '' } : full ? t.reporter : maskedReporter(t.reporter);
    const withUrl = <M extends MediaRef>(m: M) => (m.storageKey ? { ...m, url: ticketAttachmentUrl(t.number, m.storageKey) } : m);
    return {
      ...t,
      attachments: t.attachments.map(withUrl),
      history: t.history.map((h) => (h.attachments?.length ? { ...h, attachments: h.attachments.map(withUrl) } : h)),
      reporter,
      agencyName: agencyName(deps, t.agency),
      coAgencyNames: t.coAgencies.map((a) => agencyName(deps, a)),
      serviceName: t.service ? (deps.knowledge.services.get(t.service)?.name ?? t.service) : null,
      statusLabel: STATUS_LABELS[t.status],
      categoryLabel: CATEGORY_LABELS[t.category],
      priorityLabel: PRIORITY_LABELS[t.priority] ?? t.priority,
      slaState: state,
      overdue: isOverdue(t, state),
      allowedNext: allowedNextStatuses(t.status),
      canAct: canActOnTicket(officer, t),
      canReassign: canReassignTicket(officer, t),
    };
  }

  async function load(officer: Officer, number: string, need: 'read' | 'act' | 'reassign'): Promise<Ticket> {
    const t = await store.getTicket(number);
    if (!t) throw new NotFoundError(`Tiket ${number} tidak ditemukan.`);
    // Out of scope answers like a missing ticket: ticket numbers of other agencies are not confirmed.
    if (!canReadTicket(officer, t)) throw new NotFoundError(`Tiket ${number} tidak ditemukan.`);
    if (need === 'act' && !canActOnTicket(officer, t)) throw new ForbiddenError('Anda tidak berwenang mengubah tiket ini.');
    if (need === 'reassign' && !canReassignTicket(officer, t)) throw new ForbiddenError('Anda tidak berwenang mengalihkan tiket ini.');
    return t;
  }

  async function tellReporter(t: Ticket, kind: string, text: string): Promise<void> {
    const conversation = await store.getConversation(t.reporter.conversationId);
    if (!conversation) return;
    try {
      await deps.turns.say(conversation, [{ id: `${t.number}:${kind}:${t.history.length}`, from: 'bot', text, at: now() }]);
    } catch (err) {
      deps.logger.warn('could not tell the reporter', { ticket: t.number, kind, err });
    }
  }

  function updated(t: Ticket, by: Officer | null): void {
    publishConsole(deps, { kind: 'ticket-updated', ticket: t.number, agency: t.agency, coAgencies: t.coAgencies, category: t.category, status: t.status, by: by?.id ?? null });
  }

  async function promptSurvey(number: string): Promise<void> {
    const t = await store.getTicket(number);
    if (!t || t.status !== 'selesai' || t.survey) return;
    const c = await store.getConversation(t.reporter.conversationId);
    if (!c || c.unreachable) return;
    const entryId = `${t.number}:survey`;
    // An officer holds the chat or the user is mid-flow: ask later rather than hijack the dialogue.
    if (c.owner === 'officer' || c.owner === 'waiting' || (c.flow !== null && deps.startSurvey)) {
      await deps.queue
        .schedule({ key: `survey-${t.number}`, kind: 'survey-prompt', payload: { ticket: t.number } }, now() + 30 * 60_000)
        .catch((err) => deps.logger.warn('could not schedule the survey', { ticket: t.number, err }));
      return;
    }
    const survey = deps.startSurvey?.(t.number, c) ?? null;
    if (survey) {
      const saved = await store.saveConversation({ ...c, owner: 'bot', officerId: null, flow: survey.flow, updatedAt: now() }, c.version);
      if (!saved) {
        await deps.queue.schedule({ key: `survey-${t.number}`, kind: 'survey-prompt', payload: { ticket: t.number } }, now() + 60_000).catch(() => undefined);
        return;
      }
      await deps.turns.say(saved, [
        { id: entryId, from: 'bot', text: survey.reply.text, ...(survey.reply.options?.length ? { options: survey.reply.options } : {}), at: now() },
      ]);
      return;
    }
    await deps.turns.say(c, [
      {
        id: entryId,
        from: 'bot',
        text: `Bagaimana penilaian Anda atas penanganan tiket **${t.number}**? Balas dengan angka **1** (sangat tidak puas) sampai **5** (sangat puas), boleh disertai komentar singkat.`,
        options: [1, 2, 3, 4, 5].map((n) => ({ label: String(n), value: String(n) })),
        at: now(),
      },
    ]);
  }

  return {
    view,
    promptSurvey,

    async attachment(officer, number, storageKey) {
      const t = await load(officer, number, 'read');
      const ref = [...t.attachments, ...t.history.flatMap((h) => h.attachments ?? [])].find((m) => m.storageKey === storageKey);
      const bytes = ref && deps.attachments?.read(storageKey);
      if (!ref || !bytes) throw new NotFoundError('Berkas tidak ditemukan di tiket ini.');
      return { ref, bytes };
    },

    async list(officer, filter) {
      const f: TicketFilter = { limit: filter.limit ?? 500, ...(filter.offset ? { offset: filter.offset } : {}) };
      if (filter.assignee) f.assignee = filter.assignee === 'me' ? officer.id : filter.assignee;
      if (filter.priority) {
        const priorities = filter.priority.split(',').map((s) => s.trim()).filter(Boolean);
        const bad = priorities.filter((p) => !(TICKET_PRIORITIES as readonly string[]).includes(p));
        if (bad.length || !priorities.length) throw new UserInputError(`Prioritas '${bad.join(', ') || filter.priority}' tidak dikenal. Pilih dari: ${TICKET_PRIORITIES.join(', ')}.`);
        f.priority = priorities as TicketPriority[];
      }
      if (filter.status) {
        const statuses = filter.status.split(',').map((s) => s.trim()).filter(Boolean);
        const bad = statuses.filter((s) => !isTicketStatus(s));
        if (bad.length || !statuses.length) throw new UserInputError(`Status '${bad.join(', ') || filter.status}' tidak dikenal. Pilih dari: ${TICKET_STATUSES.join(', ')}.`);
        f.status = statuses as TicketStatus[];
      }
      if (filter.category) {
        if (!(TICKET_CATEGORIES as readonly string[]).includes(filter.category)) {
          throw new UserInputError(`Kategori '${filter.category}' tidak dikenal. Pilih dari: ${TICKET_CATEGORIES.join(', ')}.`);
        }
        f.category = filter.category as TicketCategory;
      }
      if (filter.service) {
        if (!deps.knowledge.services.has(filter.service)) throw new UserInputError(`Layanan '${filter.service}' tidak dikenal.`);
        f.service = filter.service;
      }
      if (filter.agency) {
        if (!deps.knowledge.agencies.has(filter.agency)) throw new UserInputError(`Perangkat daerah '${filter.agency}' tidak dikenal.`);
        if (!readsEverything(officer) && filter.agency !== officer.agency) throw new ForbiddenError('Perangkat daerah itu di luar cakupan Anda.');
        f.agencies = [filter.agency];
      } else if (!readsEverything(officer)) {
        f.agencies = [officer.agency];
      }
      const tickets = await store.listTickets(f);
      const views = tickets.filter((t) => canReadTicket(officer, t)).map((t) => listed(view(officer, t)));
      return filter.overdue ? views.filter((v) => v.overdue) : views;
    },

    async get(officer, number, options = {}) {
      const ticket = await load(officer, number, 'read');
      const full = options.full === true;
      if (full && !seesReporterDetails(officer)) throw new ForbiddenError('Peran Anda tidak dapat melihat data kontak pelapor.');
      if (full) await audit(deps, officer.id, 'ticket.reporter-view', `ticket:${ticket.number}`, {});
      const v = view(officer, ticket, full);
      const names = new Map<string, string>();
      for (const item of v.history) {
        if (names.has(item.by) || !item.by.startsWith('ofc-')) continue;
        names.set(item.by, (await store.getOfficer(item.by))?.name ?? item.by);
      }
      for (const id of [v.assignee, ...v.history.filter((i) => i.action === 'penugasan').flatMap((i) => [i.from, i.to])]) {
        if (id && !names.has(id)) names.set(id, (await store.getOfficer(id))?.name ?? id);
      }
      const labelOf = (by: string) => names.get(by) ?? (by === 'system' ? 'sistem' : by === 'bot' ? 'bot' : 'pelapor');
      const nameOf = (id: string | undefined) => (id ? (names.get(id) ?? id) : '');
      return {
        ...v,
        assigneeName: v.assignee ? nameOf(v.assignee) : null,
        history: v.history.map((item) => ({
          ...item,
          byName: labelOf(item.by),
          ...(item.action === 'penugasan' ? { fromName: nameOf(item.from), toName: nameOf(item.to) } : {}),
        })),
      };
    },

    async change(officer, number, input) {
      const before = await load(officer, number, 'act');
      if (input.status === undefined) {
        if (!input.note) throw new UserInputError('Isi "status" (status baru) atau "note" (catatan internal).');
        const t = await store.updateTicket(number, (cur) => ({
          ...cur,
          history: [...cur.history, { at: now(), by: officer.id, action: 'catatan', note: input.note }],
          updatedAt: now(),
        }));
        await audit(deps, officer.id, 'ticket.note', `ticket:${number}`);
        updated(t, officer);
        return view(officer, t);
      }
      const to = input.status;
      if (!isTicketStatus(to)) throw new UserInputError(`Status '${to}' tidak dikenal. Pilih dari: ${TICKET_STATUSES.join(', ')}.`);
      // Validates before writing (unknown/forbidden transition, missing note): nothing changes on error.
      applyStatusChange(before, to, officer.id, input.note, now(), calendar);
      let from: TicketStatus = before.status;
      const t = await store.updateTicket(number, (cur) => {
        from = cur.status;
        const next = applyStatusChange(cur, to, officer.id, input.note, now(), calendar);
        if (!next.assignee && (to === 'ditugaskan' || to === 'diproses')) next.assignee = officer.id;
        return next;
      });
      await audit(deps, officer.id, 'ticket.status', `ticket:${number}`, { from, to });
      await tellReporter(t, 'status', describeStatusChange(t, from, to, input.note, agencyName(deps, t.agency) ?? undefined));
      if (from === 'menunggu_pelapor') {
        // The resolution due time moved: re-arm its timer (the sweep is the backstop).
        await deps.queue
          .schedule({ key: slaTimerKey(number, 'resolve'), kind: 'sla-check', payload: { ticket: number } }, t.sla.resolveDueAt)
          .catch((err) => deps.logger.warn('could not re-schedule the SLA timer', { ticket: number, err }));
      }
      updated(t, officer);
      if (to === 'selesai') await promptSurvey(number).catch((err) => deps.logger.warn('survey prompt failed', { ticket: number, err }));
      return view(officer, t);
    },

    async reassign(officer, number, input) {
      const before = await load(officer, number, 'reassign');
      if (!deps.knowledge.agencies.has(input.agency)) throw new UserInputError(`Perangkat daerah '${input.agency}' tidak dikenal.`);
      if (input.agency === before.agency) throw new ConflictError(`Tiket ${number} sudah ditangani oleh ${agencyName(deps, input.agency)}.`);
      if (before.status === 'ditutup' || before.status === 'ditolak') throw new ConflictError(`Tiket ${number} sudah final dan tidak dapat dialihkan.`);
      const t = await store.updateTicket(number, (cur) => ({
        ...cur,
        agency: input.agency,
        coAgencies: cur.coAgencies.filter((a) => a !== input.agency),
        assignee: null,
        history: [...cur.history, { at: now(), by: officer.id, action: 'dialihkan', from: cur.agency, to: input.agency, note: input.reason }],
        updatedAt: now(),
      }));
      await audit(deps, officer.id, 'ticket.reassign', `ticket:${number}`, { from: before.agency, to: input.agency });
      await tellReporter(t, 'reassign', `Pembaruan tiket **${t.number}**: tiket Anda dialihkan ke **${deps.knowledge.agencies.get(input.agency)?.name ?? input.agency}** agar ditangani oleh instansi yang tepat.`);
      publishConsole(deps, { kind: 'ticket-updated', ticket: t.number, agency: before.agency, coAgencies: [t.agency], category: t.category, status: t.status, by: officer.id });
      updated(t, officer);
      return view(officer, t);
    },
  };
}

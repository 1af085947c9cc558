/**
 * SLA escalation. A ticket whose running clock (first response, or resolution while not paused)
 * passed its target escalates level by level as flows/eskalasi.yaml says. Fired levels are kept
 * in ticket.sla.escalated and written atomically with an 'eskalasi' history entry, so a timer
 * firing twice, the sweep and a timer racing, or a restart never notify twice.
 * Also the backstop for the human queue: chats waiting too long become an informasi ticket.
 */
import { CLOSED_TICKET_STATUSES, type Conversation, type Ticket } from '../store/port';
import { CATEGORY_LABELS, defaultPriority, formatWorkingDuration, slaState } from '../tickets';
import { agencyName, audit, type OfficerDeps, publishConsole, reporterOf } from './deps';
import type { EscalationLevel, EscalationRules } from './escalation-rules';
import { GENERAL_QUEUE_AGENCY, ROLE_LABELS } from './scope';

export const escalationTimerKey = (ticketNumber: string) => `sla-escalate-${ticketNumber}`;
const OPEN_STATUSES = ['baru', 'ditugaskan', 'diproses', 'menunggu_pelapor'] as const;

export interface Escalator {
  check(ticketNumber: string): Promise<string[]>;
  sweep(): Promise<void>;
  sweepWaitingChats(): Promise<void>;
}

/** When the first running clock passed its target (null: nothing overdue right now). */
export function breachStart(t: Ticket, now: number, deps: Pick<OfficerDeps, 'calendar'>): { at: number; which: 'respons' | 'penyelesaian' } | null {
  if (CLOSED_TICKET_STATUSES.includes(t.status)) return null;
  const s = slaState(t, now, deps.calendar);
  const found: { at: number; which: 'respons' | 'penyelesaian' }[] = [];
  if (s.response.metAt === null && s.response.breached) found.push({ at: t.sla.responseDueAt, which: 'respons' });
  if (!s.paused && s.resolution.metAt === null && s.resolution.breached) found.push({ at: t.sla.resolveDueAt, which: 'penyelesaian' });
  found.sort((a, b) => a.at - b.at);
  return found[0] ?? null;
}

export function createEscalator(deps: OfficerDeps, rules: EscalationRules): Escalator {
  const { store, now, calendar, logger } = deps;

  const applies = (l: EscalationLevel, t: Ticket) => !l.categories || l.categories.includes(t.category);
  const targetAgency = (l: EscalationLevel, t: Ticket) => (l.agency === 'owner' ? t.agency : l.agency);

  function due(t: Ticket, at: number): { levels: EscalationLevel[]; late: number; which: string } | null {
    const start = breachStart(t, at, deps);
    if (!start) return null;
    const late = calendar.workingMinutesBetween(start.at, at);
    const levels = rules.levels.filter((l) => applies(l, t) && !t.sla.escalated.includes(l.id) && late >= l.afterWorkingMinutes);
    return { levels, late, which: start.which };
  }

  async function notify(t: Ticket, level: EscalationLevel, late: number, which: string): Promise<void> {
    const agency = targetAgency(level, t);
    publishConsole(deps, {
      kind: 'escalation',
      ticket: t.number,
      agency: t.agency,
      coAgencies: [...t.coAgencies, agency],
      category: t.category,
      level: level.level,
      levelId: level.id,
      role: level.role,
      targetAgency: agency,
      lateMinutes: Math.round(late),
    });
    if (!deps.notifyAgencyGroup) return;
    const service = t.service ? (deps.knowledge.services.get(t.service)?.name ?? t.service) : 'layanan belum diketahui';
    // No personal data: number, category, service and how late, nothing about the reporter.
    const text =
      `Eskalasi tingkat ${level.level}: tiket **${t.number}** (${CATEGORY_LABELS[t.category]}, ${service}) ` +
      `melewati target waktu ${which} ${formatWorkingDuration(Math.max(1, late))}. ` +
      `Mohon segera ditindaklanjuti oleh ${ROLE_LABELS[level.role]} ${agencyName(deps, agency)} melalui konsol petugas.`;
    await deps.notifyAgencyGroup(agency, text).catch((err) => logger.warn('escalation notice to the Telegram group failed', { ticket: t.number, agency, err }));
  }

  /** Schedules a check for the next level still to fire (the sweep is the backstop). */
  async function armNext(t: Ticket): Promise<void> {
    const start = breachStart(t, now(), deps);
    if (!start) return;
    const next = rules.levels
      .filter((l) => applies(l, t) && !t.sla.escalated.includes(l.id))
      .map((l) => calendar.addWorkingMinutes(start.at, l.afterWorkingMinutes))
      .sort((a, b) => a - b)[0];
    if (next === undefined) return;
    await deps.queue
      .schedule({ key: escalationTimerKey(t.number), kind: 'sla-check', payload: { ticket: t.number } }, Math.max(next, now() + 1000))
      .catch((err) => logger.warn('could not schedule the next escalation check', { ticket: t.number, err }));
  }

  async function check(ticketNumber: string): Promise<string[]> {
    const t = await store.getTicket(ticketNumber);
    if (!t) return [];
    const pre = due(t, now());
    if (!pre) return [];
    if (!pre.levels.length) {
      await armNext(t);
      return [];
    }
    let fired: EscalationLevel[] = [];
    let late = 0;
    let which = '';
    const updated = await store.updateTicket(ticketNumber, (cur) => {
      const at = now();
      const d = due(cur, at);
      fired = d?.levels ?? [];
      late = d?.late ?? 0;
      which = d?.which ?? '';
      if (!fired.length) return cur;
      return {
        ...cur,
        sla: { ...cur.sla, escalated: [...cur.sla.escalated, ...fired.map((l) => l.id)] },
        history: [
          ...cur.history,
          ...fired.map((l) => ({
            at,
            by: 'system',
            action: 'eskalasi' as const,
            to: l.id,
            note: `Tingkat ${l.level}: ${ROLE_LABELS[l.role]} ${agencyName(deps, targetAgency(l, cur))}; terlambat ${formatWorkingDuration(Math.max(1, d!.late))} dari target ${d!.which}.`,
          })),
        ],
        updatedAt: at,
      };
    });
    for (const level of fired) {
      await audit(deps, 'system', 'ticket.escalate', `ticket:${ticketNumber}`, { level: level.id, agency: targetAgency(level, updated) });
      await notify(updated, level, late, which);
    }
    await armNext(updated);
    return fired.map((l) => l.id);
  }

  async function sweepTickets(): Promise<void> {
    const open = await store.listTickets({ status: [...OPEN_STATUSES], limit: 5000 });
    for (const t of open) {
      const d = due(t, now());
      if (d?.levels.length) await check(t.number).catch((err) => logger.warn('escalation check failed', { ticket: t.number, err }));
    }
  }

  async function waitingToTicket(c: Conversation): Promise<void> {
    const entries = await store.transcript(c.id);
    const userTexts = entries.filter((e) => e.from === 'user').slice(-5).map((e) => e.text);
    const service = c.service ? deps.knowledge.services.get(c.service) : undefined;
    const agency = c.agency ?? service?.owners[0] ?? GENERAL_QUEUE_AGENCY;
    const ticket = await deps.tickets.open({
      category: 'informasi',
      service: c.service,
      agency,
      coAgencies: (service?.owners ?? []).filter((a) => a !== agency),
      priority: defaultPriority(deps.sla, 'informasi', service?.kind ?? null),
      summary: 'Permintaan bicara dengan petugas yang belum terlayani',
      description: userTexts.length ? userTexts.join('\n') : '(pengguna meminta dihubungkan dengan petugas)',
      reporter: reporterOf(c),
      attachments: [],
      idempotencyKey: `waiting:${c.id}:${c.waitingSince}`,
      createdAt: now(),
      createdBy: 'system',
    });
    const saved = await store.saveConversation(
      { ...c, owner: 'bot', officerId: null, flow: null, waitingSince: null, ticketNumber: ticket.number, updatedAt: now() },
      c.version,
    );
    if (!saved) return; // changed meanwhile (taken over or a new message): the next sweep decides again
    await deps.turns.say(saved, [
      {
        id: `${c.id}:waiting-ticket:${ticket.number}`,
        from: 'bot',
        text:
          `Mohon maaf, petugas belum dapat membalas percakapan ini. Agar kebutuhan Anda tidak terlewat, kami mencatatnya sebagai tiket **${ticket.number}**; ` +
          `petugas akan menindaklanjuti dan memberi kabar di percakapan ini. Anda dapat menanyakan perkembangannya dengan mengetik **cek tiket ${ticket.number}**.`,
        at: now(),
      },
    ]);
    await audit(deps, 'system', 'conversation.waiting-ticket', `conversation:${c.id}`, { ticket: ticket.number });
    publishConsole(deps, { kind: 'conversation-changed', conversationId: c.id, agency: c.agency, state: 'bot', officerId: null, by: null });
  }

  async function sweepWaitingChats(): Promise<void> {
    const waiting = await store.listConversations({ owner: ['waiting'], limit: 500 });
    for (const c of waiting) {
      if (c.waitingSince === null) continue;
      if (calendar.workingMinutesBetween(c.waitingSince, now()) < rules.maxWaitingWorkingMinutes) continue;
      await waitingToTicket(c).catch((err) => logger.warn('could not turn a waiting chat into a ticket', { conversationId: c.id, err }));
    }
  }

  return {
    check,
    sweepWaitingChats,
    async sweep() {
      await sweepTickets();
      await sweepWaitingChats();
    },
  };
}

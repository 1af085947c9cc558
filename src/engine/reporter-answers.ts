/**
 * The reporter's answer to an officer's question (interfaces.md section 6): added to the ticket
 * as a 'tanggapan' history item (text and files), the ticket returns from menunggu_pelapor to
 * diproses with its SLA clock resumed (and the resolve timer re-armed), and the consoles are told
 * live. Idempotent per transcript entry, so a re-run turn after a crash adds nothing twice.
 */
import type { ReporterReplyResult } from '../dialogue/port';
import type { MediaRef } from '../domain/messages';
import type { QueueBus, EventBus } from '../queue/port';
import type { Logger } from '../runtime/logger';
import type { Conversation, Store, Ticket } from '../store/port';
import { applyStatusChange, type BusinessCalendar } from '../tickets';
import { publishInbox } from './live-events';
import { slaTimerKey } from './ticket-desk';

export interface ReporterAnswersDeps {
  store: Store;
  queue: QueueBus;
  events: EventBus;
  calendar: BusinessCalendar;
  now: () => number;
  logger: Logger;
  /** The officer by id when they can take a conversation on (active, handles chats), else null. */
  officerFor?: (officerId: string) => Promise<{ id: string; name: string } | null>;
}

export interface ReporterAnswers {
  /** The newest ticket reported from the conversation that waits on the reporter, or null. */
  awaiting(conversation: Conversation): Promise<Ticket | null>;
  /** Adds the answer (entry `entryId` of conversation `conversationId`) to the ticket and resumes it. */
  record(ticketNumber: string, from: { conversationId: string; entryId: string }, reply: { text: string; media: MediaRef[] }): Promise<ReporterReplyResult>;
}

/** Who set the ticket to menunggu_pelapor last (an officer id), if anyone. */
function askerOf(ticket: Ticket): string | null {
  return [...ticket.history].reverse().find((h) => h.action === 'status' && h.to === 'menunggu_pelapor')?.by ?? null;
}

export function createReporterAnswers(deps: ReporterAnswersDeps): ReporterAnswers {
  const { store, now } = deps;
  return {
    async awaiting(conversation) {
      // Only a conversation that ever had a ticket can have one waiting: most turns skip the query.
      if (!conversation.ticketNumber) return null;
      const [ticket] = await store.listTickets({ reporterConversationId: conversation.id, status: ['menunggu_pelapor'], limit: 1 });
      return ticket ?? null;
    },

    async record(ticketNumber, from, reply) {
      const files = reply.media.filter((m) => !!m.storageKey);
      let resumed = false;
      const ticket = await store.updateTicket(ticketNumber, (cur) => {
        if (cur.history.some((h) => h.action === 'tanggapan' && h.entryId === from.entryId)) return cur;
        const at = now();
        const answered: Ticket = {
          ...cur,
          attachments: [...cur.attachments, ...files.filter((f) => !cur.attachments.some((a) => a.storageKey === f.storageKey))],
          history: [
            ...cur.history,
            { at, by: from.conversationId, action: 'tanggapan', note: reply.text, entryId: from.entryId, ...(files.length ? { attachments: files } : {}) },
          ],
          updatedAt: at,
        };
        resumed = cur.status === 'menunggu_pelapor';
        return resumed ? applyStatusChange(answered, 'diproses', from.conversationId, null, at, deps.calendar) : answered;
      });
      if (resumed) {
        // The resolution due time moved: re-arm its timer (the SLA sweep is the backstop).
        await deps.queue
          .schedule({ key: slaTimerKey(ticket.number, 'resolve'), kind: 'sla-check', payload: { ticket: ticket.number } }, ticket.sla.resolveDueAt)
          .catch((err) => deps.logger.warn('could not re-schedule the SLA timer', { ticket: ticket.number, error: String(err) }));
      }
      const askerId = askerOf(ticket);
      const officer = askerId && deps.officerFor ? await deps.officerFor(askerId).catch(() => null) : null;
      const scope = { ticket: ticket.number, agency: ticket.agency, coAgencies: ticket.coAgencies, category: ticket.category };
      publishInbox(deps.events, { kind: 'ticket-updated', ...scope, status: ticket.status, by: null });
      publishInbox(deps.events, { kind: 'reporter-reply', ...scope, conversationId: from.conversationId, officerId: askerId, files: files.length });
      return { ticket, officer };
    },
  };
}

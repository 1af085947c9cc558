/**
 * Tickets as the dialogue and the officers see them: opening (idempotent per turn, with SLA due
 * times from flows/sla.yaml on the working calendar), lookup, rating, and status changes that are
 * told to the reporter on their own channel.
 */
import type { DialoguePorts } from '../dialogue/port';
import type { Knowledge } from '../knowledge/types';
import type { EventBus, QueueBus } from '../queue/port';
import type { Conversation, NewTicket, Store, Ticket, TranscriptEntry } from '../store/port';
import { type BusinessCalendar, computeSla, jakartaDateKey, type SlaConfig } from '../tickets';
import type { Logger } from '../runtime/logger';
import { publishInbox } from './live-events';
import type { ReporterAnswers } from './reporter-answers';
import { createTrackingGuard } from './tracking-guard';

export interface TicketDeskDeps {
  store: Store;
  queue: QueueBus;
  events: EventBus;
  knowledge: Knowledge;
  sla: SlaConfig;
  calendar: BusinessCalendar;
  now: () => number;
  logger: Logger;
  /** Called after a ticket is opened (e.g. notify the agency's Telegram group). */
  onTicketCreated?: (ticket: Ticket) => void;
  /** The reporter's answers to officers' questions (src/engine/reporter-answers.ts). */
  reporterAnswers?: ReporterAnswers;
}

export interface TicketDesk {
  portsFor(conversation: Conversation, entry: TranscriptEntry | null): DialoguePorts;
  open(draft: Omit<NewTicket, 'sla' | 'numberPrefix'>): Promise<Ticket>;
}

export const slaTimerKey = (ticketNumber: string, which: 'response' | 'resolve') => `sla-${which}-${ticketNumber}`;

export function createTicketDesk(deps: TicketDeskDeps): TicketDesk {
  const { store, queue, events, logger } = deps;

  async function open(draft: Omit<NewTicket, 'sla' | 'numberPrefix'>): Promise<Ticket> {
    const createdAt = draft.createdAt;
    const ticket = await store.createTicket({
      ...draft,
      numberPrefix: `HD-${jakartaDateKey(createdAt)}-`,
      sla: computeSla(deps.sla, deps.calendar, draft.category, draft.priority, createdAt),
    });
    // SLA clocks run through the queue's scheduled work; a lost timer is re-derived by the SLA sweep.
    await Promise.all([
      queue.schedule({ key: slaTimerKey(ticket.number, 'response'), kind: 'sla-check', payload: { ticket: ticket.number } }, ticket.sla.responseDueAt),
      queue.schedule({ key: slaTimerKey(ticket.number, 'resolve'), kind: 'sla-check', payload: { ticket: ticket.number } }, ticket.sla.resolveDueAt),
    ]).catch((err) => logger.warn('could not schedule SLA timers', { ticket: ticket.number, err }));
    publishInbox(events, { kind: 'ticket-created', ticket: ticket.number, agency: ticket.agency, category: ticket.category });
    deps.onTicketCreated?.(ticket);
    return ticket;
  }

  return {
    open,
    portsFor(conversation, entry) {
      return {
        async createTicket(draft) {
          // One ticket per turn at most: a re-run of the same turn after a crash finds it again.
          const key = entry ? `turn:${entry.id}` : draft.idempotencyKey;
          return open({ ...draft, idempotencyKey: key, createdAt: draft.createdAt ?? deps.now() });
        },
        findTicket: (number) => store.getTicket(number),
        ticketsOfConversation: (conversationId) => store.listTickets({ reporterConversationId: conversationId, limit: 10 }),
        async rateTicket(number, rating, comment) {
          await store.updateTicket(number, (t) => ({
            ...t,
            survey: { rating, ...(comment ? { comment } : {}), at: deps.now() },
            history: [...t.history, { at: deps.now(), by: conversation.id, action: 'survei', note: `${rating}${comment ? `: ${comment}` : ''}` }],
            updatedAt: deps.now(),
          }));
        },
        officeHours: (now) => deps.calendar.officeHours(now),
        ...(deps.reporterAnswers ? answerPorts(deps.reporterAnswers, conversation, entry) : {}),
        async queuePosition(agency, since) {
          const waiting = await store.listConversations({ owner: ['waiting'], limit: 1000 });
          const ahead = waiting.filter((c) => c.id !== conversation.id && (c.agency ?? null) === agency && (since === null || (c.waitingSince ?? 0) < since));
          return ahead.length + 1;
        },
        trackingGuard: createTrackingGuard(store, conversation.id, deps.now),
      };
    },
  };
}

function answerPorts(answers: ReporterAnswers, conversation: Conversation, entry: TranscriptEntry | null): Pick<DialoguePorts, 'ticketAwaitingReply' | 'addReporterReply'> {
  return {
    ticketAwaitingReply: () => answers.awaiting(conversation),
    async addReporterReply(ticketNumber, reply) {
      if (!entry) throw new Error('a reporter reply needs the message it comes from');
      return answers.record(ticketNumber, { conversationId: conversation.id, entryId: entry.id }, reply);
    },
  };
}

/** What the officer domain needs from the rest of the service (wired in src/app/officer-module.ts). */
import type { Reply } from '../domain/messages';
import type { TicketDesk } from '../engine/ticket-desk';
import type { TurnProcessor } from '../engine/turn-processor';
import type { Knowledge } from '../knowledge/types';
import type { EventBus, QueueBus } from '../queue/port';
import type { Logger } from '../runtime/logger';
import type { Conversation, Store, Ticket } from '../store/port';
import type { BusinessCalendar, SlaConfig } from '../tickets';
import { publishInbox } from '../engine/live-events';

export interface OfficerDeps {
  store: Store;
  queue: QueueBus;
  events: EventBus;
  turns: Pick<TurnProcessor, 'say'>;
  tickets: Pick<TicketDesk, 'open'>;
  knowledge: Knowledge;
  calendar: BusinessCalendar;
  sla: SlaConfig;
  now: () => number;
  logger: Logger;
  /** Sends a text to the agency's registered Telegram notification group(s), when any. */
  notifyAgencyGroup?: (agency: string, text: string) => Promise<void>;
  /** Bytes of stored attachments (for the officers' download route). */
  attachments?: { read(storageKey: string): Buffer | null };
  /** The dialogue's satisfaction survey: flow state to save on the conversation + first reply. */
  startSurvey?: (ticketNumber: string, conversation: Conversation) => { flow: Record<string, unknown>; reply: Reply } | null;
}

export async function audit(deps: Pick<OfficerDeps, 'store' | 'now' | 'logger'>, actor: string, action: string, target: string, details?: Record<string, unknown>): Promise<void> {
  try {
    await deps.store.appendAudit({ at: deps.now(), actor, action, target, ...(details ? { details } : {}) });
  } catch (err) {
    deps.logger.error('audit write failed', { actor, action, target, err });
  }
}

/** Console live events ('inbox' topic), filtered per officer by src/officers/scope.ts. */
export function publishConsole(deps: Pick<OfficerDeps, 'events'>, event: Record<string, unknown>): void {
  publishInbox(deps.events, event);
}

export function agencyName(deps: Pick<OfficerDeps, 'knowledge'>, agency: string | null): string | null {
  if (!agency) return null;
  return deps.knowledge.agencies.get(agency)?.shortName ?? agency;
}

/** The reporter of a ticket opened from a chat by the desk (an officer or the escalation sweep): the chat's person as the channel knows them. */
export function reporterOf(c: Conversation): Ticket['reporter'] {
  return {
    conversationId: c.id,
    channel: c.channel,
    senderId: c.identity.senderId,
    ...(c.identity.name ? { name: c.identity.name } : {}),
    ...(c.identity.contact ? { contact: c.identity.contact } : {}),
    ...(c.identity.nip ? { nip: c.identity.nip } : {}),
  };
}

/**
 * After an incident is resolved: its linked tickets follow (clock resumed, optionally set to
 * `selesai` with the one note), then every linked reporter is told ONCE, on their own channel,
 * through the normal outbound path (paced per channel; WhatsApp only answers chats that wrote
 * first, and they did: they reported).
 *
 * Once per recipient and incident: the notice is a transcript entry with the deterministic id
 * `<conversation>:insiden:<incident>` (stored once, delivered once: deliveries are de-duplicated
 * by entry id), then the recipient is recorded (IncidentStore.markNotified) and skipped from
 * then on. The incident stays `notices: pending` until everyone was told, so a crash midway is
 * resumed by the sweep without telling anyone twice. A reporter has one notice however many of
 * their tickets were linked.
 */
import { publishInbox } from '../engine/live-events';
import type { OperationsDeps } from './deps';
import { appName, recoveryNotice } from './incident-texts';
import { afterIncident } from './incident-tickets';
import type { Incident, IncidentLink } from './types';

export interface RecoveryNotices {
  /** Finishes a resolved incident's tickets and notices (idempotent; safe to run again). */
  finish(incident: Incident): Promise<void>;
  /** A ticket linked just as its incident was being resolved: tell that reporter too. */
  late(incident: Incident, link: IncidentLink): Promise<void>;
}

export const noticeEntryId = (conversationId: string, incidentId: string) => `${conversationId}:insiden:${incidentId}`;

export function createRecoveryNotices(deps: OperationsDeps): RecoveryNotices {
  const { ops, store, calendar, logger } = deps;

  async function settleTickets(incident: Incident, links: IncidentLink[]): Promise<void> {
    const by = incident.resolvedBy ?? 'system';
    for (const link of links) {
      try {
        const before = await store.getTicket(link.ticket);
        if (!before) continue;
        const t = await store.updateTicket(link.ticket, (cur) => afterIncident(cur, incident, by, deps.now(), calendar));
        if (t.status !== before.status) {
          publishInbox(deps.events, { kind: 'ticket-updated', ticket: t.number, agency: t.agency, coAgencies: t.coAgencies, category: t.category, status: t.status, by });
        }
      } catch (err) {
        logger.warn('could not settle a linked ticket', { incident: incident.id, ticket: link.ticket, err });
      }
    }
  }

  /** Tells one reporter about the resolution; false when the conversation no longer exists. */
  async function tell(incident: Incident, conversationId: string, tickets: string[]): Promise<void> {
    const conversation = await store.getConversation(conversationId);
    if (conversation) {
      const text = recoveryNotice(deps.config.messages, {
        app: appName(deps.knowledge, incident.service),
        at: calendar.formatDateTime(incident.resolvedAt ?? deps.now()),
        message: incident.resolutionMessage ?? '',
        tickets,
        resolved: incident.ticketResolution !== null,
      });
      await deps.turns.say(conversation, [{ id: noticeEntryId(conversationId, incident.id), from: 'bot', text, at: deps.now() }]);
    }
    await ops.markNotified(incident.id, conversationId, deps.now());
  }

  async function finish(incident: Incident): Promise<void> {
    if (incident.state !== 'resolved') return;
    const told = new Set(await ops.notifiedConversations(incident.id));
    let links: IncidentLink[] = [];
    // Links made while this runs are picked up by the next round.
    for (let round = 0; round < 5; round++) {
      const all = await ops.incidentLinks(incident.id);
      const fresh = all.slice(links.length);
      links = all;
      if (!fresh.length && round > 0) break;
      await settleTickets(incident, fresh);
      const byConversation = groupByConversation(all);
      for (const [conversationId, tickets] of byConversation) {
        if (told.has(conversationId)) continue;
        await tell(incident, conversationId, tickets);
        told.add(conversationId);
      }
    }
    const recipients = told.size;
    await ops.updateIncident(
      incident.id,
      (cur) => ({ ...cur, notices: { state: 'done', recipients, doneAt: deps.now() }, updatedAt: deps.now() }),
      [
        {
          id: `${incident.id}:pemberitahuan`,
          incidentId: incident.id,
          at: deps.now(),
          by: 'system',
          kind: 'pemberitahuan',
          message: `${recipients} pelapor diberi tahu bahwa gangguan sudah teratasi (${links.length} tiket tertaut).`,
          public: false,
        },
      ],
    );
    logger.info('incident recovery notices sent', { incident: incident.id, recipients, tickets: links.length });
  }

  return {
    finish,
    async late(incident, link) {
      if (incident.state !== 'resolved' || incident.notices.state !== 'done') return;
      await settleTickets(incident, [link]);
      if ((await ops.notifiedConversations(incident.id)).includes(link.conversationId)) return;
      await tell(incident, link.conversationId, [link.ticket]);
    },
  };
}

function groupByConversation(links: IncidentLink[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const l of links) out.set(l.conversationId, [...(out.get(l.conversationId) ?? []), l.ticket]);
  return out;
}

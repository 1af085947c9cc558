/**
 * Known incidents in the dialogue (DialoguePorts.knownIncident, src/operations): a user who asks
 * about a service with an open incident is told first that it is known, since when and the
 * latest public update; a user who reports it (an outage or a complaint) gets at once a
 * `gangguan` ticket, which the pipeline links to the incident, instead of the full report
 * dialogue: the officers already know what is wrong, and the reporter will be told when it is
 * over. Requests and change requests for that service go on as usual, after the notice.
 */
import type { KnownIncident } from '../port';
import type { LaporanFlow } from '../flow-schema';
import { defaultPriority } from '../../tickets/priority';
import { CATEGORY_LABELS } from '../../tickets/status';
import { serviceLabel } from '../service-matcher';
import { fill, truncate } from '../text';
import { joinText, reply, serviceOf, type FlowData, type Outcome, type Turn } from '../context';

/** Report categories that are the incident itself (linked), not a separate request. */
const INCIDENT_REPORTS = new Set(['gangguan', 'keluhan']);

export async function knownIncidentOf(turn: Turn, service: string | null | undefined): Promise<KnownIncident | null> {
  if (!service || !turn.ports.knownIncident) return null;
  return turn.ports.knownIncident(service);
}

/** `out` with the incident notice in front, when the service has an open incident. */
export async function withIncidentNotice(turn: Turn, service: string | null | undefined, out: Outcome): Promise<Outcome> {
  const known = await knownIncidentOf(turn, service);
  return known ? { ...out, replies: [reply(known.notice), ...out.replies] } : out;
}

/**
 * A report flow whose service just became known: when that service has an open incident, an
 * outage or complaint becomes a linked `gangguan` ticket now; other reports get the notice first.
 * `normal` is what the flow would do otherwise.
 */
export async function reportAware(turn: Turn, flow: LaporanFlow, data: FlowData, startedAt: number, normal: Outcome): Promise<Outcome> {
  const known = await knownIncidentOf(turn, data.service);
  if (!known) return normal;
  if (!INCIDENT_REPORTS.has(flow.kategori)) return { ...normal, replies: [reply(known.notice), ...normal.replies] };
  const service = serviceOf(turn, data.service)!;
  const { input, now } = turn;
  const identity = input.conversation.identity;
  const label = data.serviceLabel ?? serviceLabel(service);
  const description = (data.description ?? turn.text).trim() || known.title;
  const ticket = await turn.ports.createTicket({
    category: 'gangguan',
    service: service.id,
    agency: service.owners[0] ?? flow.instansi_bawaan,
    coAgencies: service.owners.slice(1),
    priority: defaultPriority(turn.deps.sla, 'gangguan', service.kind),
    summary: truncate(`${CATEGORY_LABELS.gangguan} ${label}: ${description}`, 120),
    description,
    reporter: {
      conversationId: input.conversation.id,
      channel: input.channel,
      senderId: identity.senderId,
      ...(identity.name ? { name: identity.name } : {}),
      ...((data.contact ?? identity.contact) ? { contact: data.contact ?? identity.contact } : {}),
      ...((data.nip ?? identity.nip) ? { nip: (data.nip ?? identity.nip)! } : {}),
    },
    attachments: data.attachments ?? [],
    idempotencyKey: `${input.conversation.id}:${flow.id}:${startedAt}`,
    createdAt: now,
    createdBy: 'bot',
  });
  return {
    flow: null,
    replies: [reply(joinText(known.notice, fill(known.linkedReply, { nomor: ticket.number })))],
    service: service.id,
    ticketNumber: ticket.number,
  };
}

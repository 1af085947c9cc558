/**
 * Asking for an officer: the conversation always goes to the human queue (owner 'waiting'), so
 * an officer sees it whenever they are on duty. Outside office hours the bot says honestly when
 * officers are back, and opens a ticket at once so the request is recorded instead of waiting
 * in silence; the waiting chat carries the ticket number.
 */
import { defaultPriority } from '../../tickets/priority';
import { fill } from '../text';
import { agencyName, reply, type Outcome, type Turn } from '../context';

export async function startAgen(turn: Turn): Promise<Outcome> {
  const { agen } = turn.deps.flows;
  const { input, deps } = turn;
  // The detected service routes the waiting chat to that service's agency (inbox scope).
  const serviceId = input.understanding.service ?? input.conversation.service ?? null;
  const hours = turn.ports.officeHours(turn.now);
  if (hours.open) return { flow: null, replies: [reply(agen.pesan.jam_kerja)], handoff: true, service: serviceId };

  const service = serviceId ? deps.knowledge.services.get(serviceId) : undefined;
  const agency = service?.owners[0] ?? deps.knowledge.coordinatorAgency;
  const identity = input.conversation.identity;
  const ticket = await turn.ports.createTicket({
    category: 'informasi',
    service: service?.id ?? null,
    agency,
    coAgencies: service?.owners.slice(1) ?? [],
    priority: defaultPriority(deps.sla, 'informasi', service?.kind ?? null),
    summary: `Permintaan bicara dengan petugas di luar jam layanan${service ? ` (${service.name})` : ''}`,
    description: turn.text.slice(0, 2000),
    reporter: {
      conversationId: input.conversation.id,
      channel: input.channel,
      senderId: identity.senderId,
      ...(identity.name ? { name: identity.name } : {}),
      ...(identity.contact ? { contact: identity.contact } : {}),
      ...(identity.nip ? { nip: identity.nip } : {}),
    },
    attachments: [],
    idempotencyKey: `${input.conversation.id}:minta-agen:${turn.now}`,
    createdAt: turn.now,
    createdBy: 'bot',
  });
  const text = fill(agen.pesan.luar_jam_kerja, { jam_buka: hours.nextOpenText, nomor: ticket.number, instansi: agencyName(turn, ticket.agency) });
  return { flow: null, replies: [reply(text)], handoff: true, service: serviceId, ticketNumber: ticket.number };
}

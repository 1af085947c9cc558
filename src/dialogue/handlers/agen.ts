/**
 * Asking for an officer: the conversation always goes to the human queue (owner 'waiting'), so
 * an officer sees it whenever they are on duty. The user is told their place in the queue; outside
 * office hours the bot says honestly when officers are back, and opens a ticket at once so the
 * request is recorded instead of waiting in silence. An explicit request for a human (trigger
 * phrases in flows/minta-agen.yaml, in our four languages) wins over any flow in progress.
 *
 * While waiting, `batal` (or `menu`) leaves the queue and the bot says so; other messages go to
 * the officers, and the user hears their place in the queue now and then instead of silence.
 */
import { defaultPriority } from '../../tickets/priority';
import { fill, isOneOf, normalize, saysOneOf } from '../text';
import { agencyName, menuChoices, reply, state, type Outcome, type Turn } from '../context';

/** How many words before a verb a negator still cancels it ("sudah pernah bicara dengan ..."). */
const NEGATOR_REACH = 2;

/**
 * Whether the message explicitly asks for a human: a whole-message phrase ("petugas dong"), or a
 * verb of talking/contacting followed closely by a person ("kula pengen ngomong karo petugase",
 * "i want to talk to a real person"), not negated ("sudah bicara dengan petugas tapi ...").
 */
export function asksForHuman(turn: Turn, text: string): boolean {
  const { pemicu } = turn.deps.flows.agen;
  if (saysOneOf(text, pemicu.frasa, turn.deps.flows.umum.kata_pengisi)) return true;
  const words = normalize(text).split(' ');
  const verbs = new Set(pemicu.kata_kerja.map(normalize));
  const targets = new Set(pemicu.sasaran.map(normalize));
  const negators = new Set(pemicu.penyangkal.map(normalize));
  const suffixes = pemicu.akhiran.map(normalize).filter(Boolean);
  const isTarget = (w: string | undefined) =>
    !!w && (targets.has(w) || suffixes.some((s) => w.length > s.length + 1 && w.endsWith(s) && targets.has(w.slice(0, -s.length))));
  for (let i = 0; i < words.length; i++) {
    if (!verbs.has(words[i]!)) continue;
    if (words.slice(Math.max(0, i - NEGATOR_REACH), i).some((w) => negators.has(w))) continue;
    for (let j = i + 1; j <= i + pemicu.jarak_kata && j < words.length; j++) if (isTarget(words[j])) return true;
  }
  return false;
}

/** The agency whose queue the chat joins: the owner of the detected service, else the general queue. */
function queueAgency(turn: Turn): string | null {
  const serviceId = turn.input.understanding.service ?? turn.input.conversation.service ?? null;
  return serviceId ? (turn.deps.knowledge.services.get(serviceId)?.owners[0] ?? null) : null;
}

function waitingState(turn: Turn) {
  return state(turn.deps.flows.agen.id, 'antrean', turn.now, { toldAt: turn.now });
}

export async function startAgen(turn: Turn): Promise<Outcome> {
  const { agen } = turn.deps.flows;
  const { input, deps } = turn;
  // The detected service routes the waiting chat to that service's agency (inbox scope).
  const serviceId = input.understanding.service ?? input.conversation.service ?? null;
  const hours = turn.ports.officeHours(turn.now);
  if (hours.open) {
    const position = (await turn.ports.queuePosition?.(queueAgency(turn), null)) ?? 1;
    return { flow: waitingState(turn), replies: [reply(fill(agen.pesan.jam_kerja, { posisi: position }))], handoff: true, service: serviceId, tookMedia: true };
  }

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
    attachments: (input.media ?? []).filter((m) => m.storageKey),
    idempotencyKey: `${input.conversation.id}:minta-agen:${turn.now}`,
    createdAt: turn.now,
    createdBy: 'bot',
  });
  const text = fill(agen.pesan.luar_jam_kerja, { jam_buka: hours.nextOpenText, nomor: ticket.number, instansi: agencyName(turn, ticket.agency) });
  return { flow: waitingState(turn), replies: [reply(text)], handoff: true, service: serviceId, ticketNumber: ticket.number, tookMedia: true };
}

/** `batal` or `menu` while waiting for an officer. */
export function leavesQueue(turn: Turn): boolean {
  const { perintah } = turn.deps.flows.umum;
  return isOneOf(turn.text, perintah.batal) || isOneOf(turn.text, perintah.menu);
}

export function leaveQueue(turn: Turn): Outcome {
  return {
    flow: state(turn.deps.flows.salam.id, 'menu', turn.now),
    replies: [reply(turn.deps.flows.agen.pesan.keluar_antrean, menuChoices(turn))],
    leftQueue: true,
  };
}

/**
 * Another message while waiting: the officers read it; the user hears their place in the queue
 * (or when the office opens) at most once per `selang_kabar_antrean_menit`, or at once when they
 * ask for an officer again.
 */
export async function stillWaiting(turn: Turn, toldAt: number | null): Promise<Outcome | null> {
  const { agen } = turn.deps.flows;
  const askedAgain = asksForHuman(turn, turn.text);
  if (!askedAgain && toldAt !== null && turn.now - toldAt < agen.selang_kabar_antrean_menit * 60_000) return null;
  const hours = turn.ports.officeHours(turn.now);
  const conversation = turn.input.conversation;
  let text: string;
  if (!hours.open) {
    text = fill(agen.pesan.masih_antre_tutup, { jam_buka: hours.nextOpenText });
  } else {
    const position = (await turn.ports.queuePosition?.(conversation.agency, conversation.waitingSince)) ?? 1;
    text = fill(askedAgain ? agen.pesan.sudah_di_antrean : agen.pesan.masih_antre, { posisi: position });
  }
  return { flow: waitingState(turn), replies: [reply(text)] };
}

/**
 * The reporter's answer to an officer's question (ticket status menunggu_pelapor,
 * interfaces.md section 6): the next message is added to the ticket, the ticket goes back to
 * `diproses` (its clock runs again), the reporter is told, and the officer who asked takes the
 * conversation on when they can. A message that is clearly about something else (another
 * service, another ticket, a greeting) is held while the user is asked which it is.
 */
import { REPORT_TYPES, type MessageType } from '../../domain/ids';
import type { MediaRef } from '../../domain/messages';
import type { Ticket } from '../../store/port';
import { findTicketNumber } from '../../tickets/ticket-numbers';
import { containsPhrase, fill, truncate } from '../text';
import { agencyName, choices, joinText, pick, reply, state, yesNo, type Continuation, type FlowState, type Outcome, type Turn } from '../context';

/** Types of a message that may start something new while a ticket waits for an answer. */
const NEW_REQUEST_TYPES: readonly MessageType[] = [...REPORT_TYPES, 'informasi'];

/** The officer's question: the note of the ticket's last change to menunggu_pelapor. */
export function officerQuestion(ticket: Ticket): string {
  const asked = [...ticket.history].reverse().find((h) => h.action === 'status' && h.to === 'menunggu_pelapor');
  return asked?.note ?? '';
}

/** When the ticket started waiting on the reporter (0 when unknown). */
export function askedAt(ticket: Ticket): number {
  return [...ticket.history].reverse().find((h) => h.action === 'status' && h.to === 'menunggu_pelapor')?.at ?? 0;
}

/**
 * What the message is while `ticket` waits for an answer: the answer; 'lain' when it is clearly a
 * new request about another service (asked which it is); 'biasa' for a greeting or a tracking
 * request, which are answered as usual (the answer is then awaited in the next message).
 */
export function kindOfMessage(turn: Turn, ticket: Ticket): 'jawaban' | 'lain' | 'biasa' {
  if ((turn.input.media ?? []).length > 0) return 'jawaban';
  const mentioned = findTicketNumber(turn.text);
  if (mentioned) return mentioned === ticket.number ? 'jawaban' : 'biasa';
  const u = turn.input.understanding;
  if (u.confidence < turn.deps.flows.umum.ambang_keluar_alur || u.ambiguity) return 'jawaban';
  if (u.type === 'sapaan' || u.type === 'lacak_tiket') return 'biasa';
  const otherService = !!u.service && !!ticket.service && u.service !== ticket.service;
  const marked = containsPhrase(turn.text, turn.deps.flows.tanggapan.penanda_hal_lain);
  return otherService && marked && NEW_REQUEST_TYPES.includes(u.type) ? 'lain' : 'jawaban';
}

/** Adds `message` to the ticket and tells the reporter; `assign` hands the chat to the officer who asked. */
export async function answerTicket(turn: Turn, ticket: Ticket, message: { text: string; media: MediaRef[] }, assign: boolean): Promise<Outcome> {
  const { tanggapan } = turn.deps.flows;
  if (!turn.ports.addReporterReply) return { flow: null, replies: [] };
  const { ticket: updated, officer } = await turn.ports.addReporterReply(ticket.number, message);
  const parts = [fill(tanggapan.pesan.ditambahkan, { nomor: updated.number, instansi: agencyName(turn, updated.agency) })];
  let handTo: Outcome['assign'];
  if (assign && officer) {
    parts.push(fill(tanggapan.pesan.diteruskan, { petugas: officer.name }));
    handTo = { officerId: officer.id, agency: updated.agency };
  }
  return { flow: null, replies: [reply(joinText(...parts))], ticketNumber: updated.number, tookMedia: true, ...(handTo ? { assign: handTo } : {}) };
}

function whichChoices(turn: Turn) {
  const { pilihan } = turn.deps.flows.tanggapan;
  return choices([pilihan.tanggapan, pilihan.lain]);
}

/** Holds the message and asks whether it answers the waiting ticket. */
export function askWhich(turn: Turn, ticket: Ticket): Outcome {
  const { tanggapan } = turn.deps.flows;
  const held = { text: turn.text, media: turn.input.media ?? [], understanding: turn.input.understanding };
  return {
    flow: state(tanggapan.id, 'pilih', turn.now, { ticketNumber: ticket.number, held }),
    replies: [reply(fill(tanggapan.pesan.tanya_yang_mana, { nomor: ticket.number, pertanyaan: truncate(officerQuestion(ticket), 300) }), whichChoices(turn))],
  };
}

/** The reply offering to take the answer here (tracking from another conversation, proven). */
export function inviteAnswer(turn: Turn, ticket: Ticket): { flow: FlowState; text: string } {
  const { tanggapan } = turn.deps.flows;
  return {
    flow: state(tanggapan.id, 'jawaban', turn.now, { ticketNumber: ticket.number }),
    text: fill(tanggapan.pesan.tulis_tanggapan, { nomor: ticket.number, pertanyaan: truncate(officerQuestion(ticket), 300) }),
  };
}

/**
 * The answer, or the question "is this the answer?", for a message while `ticket` waits; null
 * for a message to handle as usual (a greeting, a tracking request).
 */
export async function onWaitingTicket(turn: Turn, ticket: Ticket): Promise<Outcome | null> {
  const kind = kindOfMessage(turn, ticket);
  if (kind === 'biasa') return null;
  if (kind === 'lain') return askWhich(turn, ticket);
  return answerTicket(turn, ticket, { text: turn.text, media: turn.input.media ?? [] }, true);
}

/**
 * Continues the tanggapan flow. `routeHeld` handles the held message as if it had just arrived
 * (the user said it is about something else).
 */
export async function continueTanggapan(turn: Turn, s: FlowState, routeHeld: (held: NonNullable<FlowState['data']['held']>) => Promise<Outcome>): Promise<Continuation> {
  const number = s.data.ticketNumber;
  if (!number) return null;
  const ticket = await turn.ports.findTicket(number);
  if (!ticket) return null;
  if (s.step === 'pilih') {
    const held = s.data.held;
    if (!held) return null;
    const { pilihan } = turn.deps.flows.tanggapan;
    const picked = pick(turn, turn.text, whichChoices(turn))?.value ?? yesNo(turn, turn.text);
    if (picked === pilihan.tanggapan.nilai || picked === 'ya') return answerTicket(turn, ticket, { text: held.text, media: held.media }, true);
    if (picked === pilihan.lain.nilai || picked === 'tidak') return routeHeld(held);
    return null;
  }
  // 'jawaban': invited to answer here after proving the ticket is theirs.
  if (ticket.status !== 'menunggu_pelapor' || kindOfMessage(turn, ticket) !== 'jawaban') return null;
  return answerTicket(turn, ticket, { text: turn.text, media: turn.input.media ?? [] }, true);
}

/**
 * Ticket tracking (interfaces.md section 6). The reporter's own conversation sees a ticket's
 * details at once. From any other conversation, channel or device, the user proves the ticket is
 * theirs by typing the contact (phone or e-mail) given in the report; until then nothing about the
 * ticket is said, not even whether the number exists, and wrong proofs are limited (TrackingGuard).
 * Officers' internal notes are never shown; the last note meant for the reporter is.
 */
import { TICKET_NUMBER_IN_TEXT } from '../../domain/ids';
import type { Ticket } from '../../store/port';
import { CATEGORY_LABELS, STATUS_LABELS } from '../../tickets/status';
import { findTicketNumber } from '../../tickets/ticket-numbers';
import { fill, normalize, truncate, type Choice } from '../text';
import { parseContact, sameContact } from '../validators';
import { agencyName, joinText, pick, reply, serviceOf, state, type Continuation, type FlowState, type Outcome, type Turn } from '../context';
import { inviteAnswer } from './tanggapan';

/** History actions a reporter may see. */
const VISIBLE = new Set(['dibuat', 'status', 'dialihkan', 'survei', 'tanggapan']);
/** Longest message still read as an attempt at a ticket number (longer ones are requests). */
const NUMBER_ATTEMPT_MAX_WORDS = 3;

function historyLine(turn: Turn, item: Ticket['history'][number]): string {
  let what: string;
  switch (item.action) {
    case 'dibuat':
      what = 'Tiket dibuat';
      break;
    case 'status':
      what = `Status: ${STATUS_LABELS[item.to as keyof typeof STATUS_LABELS] ?? item.to}${item.note ? ` (${item.note})` : ''}`;
      break;
    case 'dialihkan':
      what = `Dialihkan ke ${item.to ? agencyName(turn, item.to) : 'Perangkat Daerah lain'}`;
      break;
    case 'tanggapan':
      what = 'Tanggapan pelapor diterima';
      break;
    default:
      what = 'Penilaian kepuasan diterima';
  }
  return fill(turn.deps.flows.lacak.pesan.baris_riwayat, { waktu: turn.deps.calendar.formatDateTime(item.at), keterangan: what });
}

/** The last note an officer wrote for the reporter (status changes carry notes the reporter is told). */
function lastNoteForReporter(t: Ticket): string | null {
  return [...t.history].reverse().find((h) => h.action === 'status' && h.note)?.note ?? null;
}

function details(turn: Turn, t: Ticket): string {
  const { lacak } = turn.deps.flows;
  const service = serviceOf(turn, t.service);
  const history = t.history.filter((h) => VISIBLE.has(h.action)).slice(-lacak.maks_riwayat);
  const paused = t.sla.pausedSince !== null ? ' (dihentikan sementara, menunggu tanggapan Anda)' : '';
  const note = lastNoteForReporter(t);
  return joinText(
    fill(lacak.pesan.detail, {
      nomor: t.number,
      status: STATUS_LABELS[t.status],
      kategori: CATEGORY_LABELS[t.category],
      layanan: service?.name ?? '-',
      instansi: [t.agency, ...t.coAgencies].map((a) => agencyName(turn, a)).join(', '),
      dibuat: turn.deps.calendar.formatDateTime(t.createdAt),
      batas_penyelesaian: `${turn.deps.calendar.formatDateTime(t.sla.resolveDueAt)}${paused}`,
      riwayat: history.map((h) => historyLine(turn, h)).join('\n') || '-',
    }),
    note ? fill(lacak.pesan.catatan_terakhir, { catatan: truncate(note, 500) }) : null,
  );
}

function ownTicket(turn: Turn, t: Ticket): Outcome {
  return { flow: null, replies: [reply(details(turn, t))], ticketNumber: t.number };
}

/** Details once the user proved the ticket is theirs; a ticket waiting on them may be answered here. */
function proven(turn: Turn, t: Ticket): Outcome {
  if (t.status === 'menunggu_pelapor') {
    const invite = inviteAnswer(turn, t);
    return { flow: invite.flow, replies: [reply(joinText(details(turn, t), invite.text))] };
  }
  return { flow: null, replies: [reply(details(turn, t))] };
}

const windowMs = (turn: Turn) => turn.deps.flows.lacak.batas_percobaan.jendela_menit * 60_000;

async function tooManyAttempts(turn: Turn, number: string): Promise<Outcome | null> {
  const guard = turn.ports.trackingGuard;
  if (!guard) return null;
  const limits = turn.deps.flows.lacak.batas_percobaan;
  const f = await guard.failures(number, windowMs(turn));
  if (f.byConversation < limits.per_percakapan && f.byTicket < limits.per_tiket) return null;
  return { flow: null, replies: [reply(fill(turn.deps.flows.lacak.pesan.terlalu_banyak, { waktu: turn.deps.calendar.formatDateTime(f.resetAt) }))] };
}

async function show(turn: Turn, number: string): Promise<Outcome> {
  const { lacak } = turn.deps.flows;
  const ticket = await turn.ports.findTicket(number);
  if (ticket && ticket.reporter.conversationId === turn.input.conversation.id) return ownTicket(turn, ticket);
  // Anyone else, and unknown numbers alike: the same question, so numbers cannot be enumerated.
  const blocked = await tooManyAttempts(turn, number);
  if (blocked) return blocked;
  return { flow: state(lacak.id, 'bukti', turn.now, { ticketNumber: number }), replies: [reply(fill(lacak.pesan.minta_bukti, { nomor: number }))] };
}

function numberIn(turn: Turn): string | null {
  return turn.input.understanding.ticketNumber ?? findTicketNumber(turn.text);
}

export async function startLacak(turn: Turn, useMessage = true): Promise<Outcome> {
  const { lacak } = turn.deps.flows;
  const number = useMessage ? numberIn(turn) : null;
  if (number) return show(turn, number);
  const own = (await turn.ports.ticketsOfConversation(turn.input.conversation.id)).slice(0, lacak.maks_daftar);
  if (own.length === 0) return { flow: state(lacak.id, 'nomor', turn.now), replies: [reply(lacak.pesan.tanya_nomor)] };
  const list = own
    .map((t) => fill(lacak.pesan.baris_tiket, { nomor: t.number, status: STATUS_LABELS[t.status], ringkasan: truncate(t.summary, 60), dibuat: turn.deps.calendar.formatDateTime(t.createdAt) }))
    .join('\n');
  const options: Choice[] = own.map((t) => ({ label: t.number, value: t.number }));
  return {
    flow: state(lacak.id, 'nomor', turn.now, { listed: own.map((t) => t.number) }),
    replies: [reply(fill(lacak.pesan.daftar_tiket, { daftar: list }), options)],
  };
}

/** A short message with digits or "HD" that is not a ticket number: an attempt worth explaining. */
function looksLikeNumberAttempt(text: string): boolean {
  return /\d|\bhd\b/i.test(text) && !TICKET_NUMBER_IN_TEXT.test(text) && normalize(text).split(' ').length <= NUMBER_ATTEMPT_MAX_WORDS;
}

async function checkProof(turn: Turn, s: FlowState): Promise<Continuation> {
  const { lacak } = turn.deps.flows;
  const number = s.data.ticketNumber!;
  const other = numberIn(turn);
  if (other && other !== number) return show(turn, other);
  const contact = parseContact(turn.text);
  if (!contact) {
    if (normalize(turn.text).split(' ').length > NUMBER_ATTEMPT_MAX_WORDS + 2) return null; // a new request
    return { flow: { ...s, updatedAt: turn.now }, replies: [reply(fill(lacak.pesan.bukti_format, { nomor: number }))], retry: true };
  }
  const blocked = await tooManyAttempts(turn, number);
  if (blocked) return blocked;
  const ticket = await turn.ports.findTicket(number);
  if (ticket?.reporter.contact && sameContact(contact, ticket.reporter.contact)) return proven(turn, ticket);
  await turn.ports.trackingGuard?.recordFailure(number, windowMs(turn));
  return { flow: state(lacak.id, 'nomor', turn.now), replies: [reply(fill(lacak.pesan.bukti_salah, { nomor: number }))] };
}

export async function continueLacak(turn: Turn, s: FlowState): Promise<Continuation> {
  const { lacak } = turn.deps.flows;
  if (s.step === 'bukti' && s.data.ticketNumber) return checkProof(turn, s);
  const listed = (s.data.listed ?? []).map((n) => ({ label: n, value: n }));
  const number = pick(turn, turn.text, listed)?.value ?? numberIn(turn);
  if (number) return show(turn, number);
  // Something that looks like an attempt at a number: explain the format. Anything else is a new request.
  if (looksLikeNumberAttempt(turn.text)) {
    return { flow: state(lacak.id, 'nomor', turn.now, s.data), replies: [reply(lacak.pesan.format_salah, listed)], retry: true };
  }
  return null;
}

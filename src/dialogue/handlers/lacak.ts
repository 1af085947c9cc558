/**
 * Ticket tracking. Only the reporter's own conversation sees a ticket's details; anyone else
 * learns only that the number exists. Officers' internal notes are never shown.
 */
import { TICKET_NUMBER_IN_TEXT } from '../../domain/ids';
import type { Ticket } from '../../store/port';
import { CATEGORY_LABELS, STATUS_LABELS } from '../../tickets/status';
import { findTicketNumber } from '../../tickets/ticket-numbers';
import { fill, pickOption, truncate, type Choice } from '../text';
import { agencyName, reply, serviceOf, state, type Continuation, type Outcome, type Turn } from '../context';

/** History actions a reporter may see. */
const VISIBLE = new Set(['dibuat', 'status', 'dialihkan', 'survei']);

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
    default:
      what = 'Penilaian kepuasan diterima';
  }
  return fill(turn.deps.flows.lacak.pesan.baris_riwayat, { waktu: turn.deps.calendar.formatDateTime(item.at), keterangan: what });
}

function details(turn: Turn, t: Ticket): string {
  const { lacak } = turn.deps.flows;
  const service = serviceOf(turn, t.service);
  const history = t.history.filter((h) => VISIBLE.has(h.action)).slice(-lacak.maks_riwayat);
  const paused = t.sla.pausedSince !== null ? ' (dihentikan sementara, menunggu tanggapan Anda)' : '';
  return fill(lacak.pesan.detail, {
    nomor: t.number,
    status: STATUS_LABELS[t.status],
    kategori: CATEGORY_LABELS[t.category],
    layanan: service?.name ?? '-',
    instansi: [t.agency, ...t.coAgencies].map((a) => agencyName(turn, a)).join(', '),
    dibuat: turn.deps.calendar.formatDateTime(t.createdAt),
    batas_penyelesaian: `${turn.deps.calendar.formatDateTime(t.sla.resolveDueAt)}${paused}`,
    riwayat: history.map((h) => historyLine(turn, h)).join('\n') || '-',
  });
}

async function show(turn: Turn, number: string): Promise<Outcome> {
  const { lacak } = turn.deps.flows;
  const ticket = await turn.ports.findTicket(number);
  if (!ticket) {
    // Stay on the step so that a corrected number typed next is looked up directly.
    return { flow: state(lacak.id, 'nomor', turn.now), replies: [reply(fill(lacak.pesan.tidak_ditemukan, { nomor: number }))] };
  }
  if (ticket.reporter.conversationId !== turn.input.conversation.id) {
    return { flow: null, replies: [reply(fill(lacak.pesan.bukan_pelapor, { nomor: number }))] };
  }
  return { flow: null, replies: [reply(details(turn, ticket))], ticketNumber: ticket.number };
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

export async function continueLacak(turn: Turn, s: { data: { listed?: string[] } }): Promise<Continuation> {
  const { lacak } = turn.deps.flows;
  const listed = (s.data.listed ?? []).map((n) => ({ label: n, value: n }));
  const number = pickOption(turn.text, listed)?.value ?? numberIn(turn);
  if (number) return show(turn, number);
  // Something that looks like an attempt at a number: explain the format. Anything else is a new request.
  if (/\d|\bhd\b/i.test(turn.text) && !TICKET_NUMBER_IN_TEXT.test(turn.text)) {
    return { flow: state(lacak.id, 'nomor', turn.now, s.data), replies: [reply(lacak.pesan.format_salah, listed)] };
  }
  return null;
}

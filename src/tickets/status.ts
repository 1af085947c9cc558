/**
 * Ticket status rules (interfaces.md section 4): baru -> ditugaskan -> diproses -> selesai ->
 * ditutup; ditolak from baru/ditugaskan/diproses; diproses <-> menunggu_pelapor. Every change is
 * appended to the history with who, when and why, and pauses/resumes the SLA clock.
 */
import { ConflictError, UserInputError } from '../domain/errors';
import { TICKET_STATUSES } from '../domain/ids';
import type { TicketCategory, TicketStatus } from '../domain/ids';
import type { Ticket } from '../store/port';
import { getDefaultCalendar } from './business-calendar';
import type { BusinessCalendar } from './business-calendar';
import { pauseSla, resumeSla } from './sla';

export const STATUS_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  baru: ['ditugaskan', 'ditolak'],
  ditugaskan: ['diproses', 'ditolak'],
  diproses: ['selesai', 'menunggu_pelapor', 'ditolak'],
  menunggu_pelapor: ['diproses'],
  selesai: ['ditutup'],
  ditutup: [],
  ditolak: [],
};

/** Statuses whose change must say why (the reporter reads it). */
export const NOTE_REQUIRED: ReadonlySet<TicketStatus> = new Set(['ditolak', 'menunggu_pelapor']);

export const STATUS_LABELS: Readonly<Record<TicketStatus, string>> = {
  baru: 'Baru diterima',
  ditugaskan: 'Sudah ditugaskan ke petugas',
  diproses: 'Sedang diproses',
  menunggu_pelapor: 'Menunggu tanggapan pelapor',
  selesai: 'Selesai ditangani',
  ditutup: 'Ditutup',
  ditolak: 'Ditolak',
};

export const CATEGORY_LABELS: Readonly<Record<TicketCategory, string>> = {
  gangguan: 'Gangguan',
  keluhan: 'Keluhan',
  permintaan: 'Permintaan layanan',
  perubahan: 'Permintaan perubahan',
  informasi: 'Pertanyaan',
  masalah: 'Masalah',
};

export function isTicketStatus(value: string): value is TicketStatus {
  return (TICKET_STATUSES as readonly string[]).includes(value);
}

export function canChangeStatus(from: TicketStatus, to: TicketStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

export function allowedNextStatuses(from: TicketStatus): readonly TicketStatus[] {
  return STATUS_TRANSITIONS[from];
}

/**
 * Returns the ticket after the change (the input is not modified). Throws UserInputError for an
 * unknown status or a missing required note, ConflictError when the current status does not allow it.
 */
export function applyStatusChange(
  ticket: Ticket,
  to: TicketStatus,
  by: string,
  note: string | null | undefined,
  now: number,
  calendar: BusinessCalendar = getDefaultCalendar(),
): Ticket {
  if (!isTicketStatus(to)) throw new UserInputError(`Status '${String(to)}' tidak dikenal.`);
  const from = ticket.status;
  if (!canChangeStatus(from, to)) {
    const allowed = STATUS_TRANSITIONS[from];
    throw new ConflictError(
      `Status tiket ${ticket.number} tidak dapat diubah dari '${from}' ke '${to}'.` +
        (allowed.length ? ` Yang diizinkan: ${allowed.join(', ')}.` : ' Tiket ini sudah final.'),
    );
  }
  const cleanNote = note?.trim() || undefined;
  if (NOTE_REQUIRED.has(to) && !cleanNote) {
    throw new UserInputError(`Perubahan ke status '${to}' wajib disertai catatan untuk pelapor.`);
  }
  let sla = ticket.sla;
  if (to === 'menunggu_pelapor') sla = pauseSla(sla, now);
  if (from === 'menunggu_pelapor') sla = resumeSla(sla, now, calendar);
  return {
    ...ticket,
    status: to,
    sla,
    history: [...ticket.history, { at: now, by, action: 'status', from, to, ...(cleanNote ? { note: cleanNote } : {}) }],
    updatedAt: now,
  };
}

/** The message sent to the reporter when an officer changes the status (Indonesian). */
export function describeStatusChange(ticket: Ticket, from: TicketStatus, to: TicketStatus, note?: string | null, agencyName?: string): string {
  const who = agencyName ?? 'petugas';
  const head = `Pembaruan tiket **${ticket.number}** (${CATEGORY_LABELS[ticket.category]}):`;
  const noteLine = note?.trim() ? `\nCatatan petugas: ${note.trim()}` : '';
  switch (to) {
    case 'ditugaskan':
      return `${head} tiket Anda sudah diterima dan ditugaskan ke petugas ${who}.${noteLine}`;
    case 'diproses':
      return from === 'menunggu_pelapor'
        ? `${head} terima kasih atas tanggapan Anda, tiket kembali **diproses** oleh ${who}.${noteLine}`
        : `${head} tiket Anda sedang **diproses** oleh ${who}.${noteLine}`;
    case 'menunggu_pelapor':
      return `${head} petugas ${who} membutuhkan informasi tambahan dari Anda.${noteLine}\nSilakan balas di percakapan ini (boleh dengan foto atau dokumen PDF); balasan Anda langsung ditambahkan ke tiket. Selama menunggu jawaban Anda, batas waktu penanganan dihentikan sementara.`;
    case 'selesai':
      return `${head} tiket Anda telah **selesai** ditangani oleh ${who}.${noteLine}\nJika masalah masih terjadi, balas pesan ini atau buat laporan baru.`;
    case 'ditutup':
      return `${head} tiket Anda telah **ditutup**. Terima kasih telah menggunakan Helpdesk SPBE Kabupaten Cirebon.${noteLine}`;
    case 'ditolak':
      return `${head} mohon maaf, tiket Anda **tidak dapat ditindaklanjuti** oleh ${who}.${noteLine}\nJika ada pertanyaan, ketik **petugas** untuk berbicara dengan petugas.`;
    default:
      return `${head} status kini **${STATUS_LABELS[to]}**.${noteLine}`;
  }
}

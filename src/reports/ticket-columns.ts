/**
 * Columns of the ticket list in the exports (XLSX sheet "Tiket", CSV part=tiket). No personal data:
 * no reporter, contact, summary or description, only what the figures are made of.
 */
import type { Knowledge } from '../knowledge/types';
import { CATEGORY_LABELS, STATUS_LABELS } from '../tickets';
import { CHANNEL_LABELS, formatStamp, PRIORITY_LABELS } from './labels';
import type { TicketRow } from './report-desk';

export type Cell = string | number | null;

export interface TicketColumn {
  header: string;
  width: number;
  value(row: TicketRow): Cell;
}

const yesNo = (v: boolean | null): Cell => (v === null ? '' : v ? 'ya' : 'tidak');
const minutes = (v: number | null): Cell => (v === null ? null : Math.round(v * 10) / 10);

export function ticketColumns(knowledge: Pick<Knowledge, 'agencies' | 'services'>): TicketColumn[] {
  return [
    { header: 'Nomor tiket', width: 18, value: (r) => r.fact.number },
    { header: 'Dibuat (WIB)', width: 17, value: (r) => formatStamp(r.fact.createdAt) },
    { header: 'Kategori', width: 20, value: (r) => CATEGORY_LABELS[r.fact.category] ?? r.fact.category },
    { header: 'Layanan', width: 32, value: (r) => (r.fact.service ? (knowledge.services.get(r.fact.service)?.name ?? r.fact.service) : '') },
    { header: 'Perangkat Daerah', width: 14, value: (r) => knowledge.agencies.get(r.fact.agency)?.shortName ?? r.fact.agency },
    { header: 'Kanal', width: 12, value: (r) => CHANNEL_LABELS[r.fact.channel] ?? r.fact.channel },
    { header: 'Prioritas', width: 10, value: (r) => PRIORITY_LABELS[r.fact.priority] ?? r.fact.priority },
    { header: 'Status', width: 26, value: (r) => STATUS_LABELS[r.fact.status] ?? r.fact.status },
    { header: 'Ditanggapi (WIB)', width: 17, value: (r) => formatStamp(r.metrics.respondedAt) },
    { header: 'Diselesaikan (WIB)', width: 17, value: (r) => formatStamp(r.metrics.resolvedAt) },
    { header: 'Waktu tanggapan (menit kerja)', width: 14, value: (r) => minutes(r.metrics.responseMinutes) },
    { header: 'Waktu penyelesaian (menit kerja)', width: 14, value: (r) => minutes(r.metrics.resolutionMinutes) },
    { header: 'Tanggapan tepat waktu', width: 12, value: (r) => yesNo(r.metrics.responseMet) },
    { header: 'Penyelesaian tepat waktu', width: 12, value: (r) => yesNo(r.metrics.resolutionMet) },
    { header: 'Terlambat saat ini', width: 10, value: (r) => (r.metrics.overdue ? 'ya' : 'tidak') },
    { header: 'Nilai kepuasan', width: 10, value: (r) => r.fact.rating },
  ];
}

/** Indonesian labels and number formats of the evaluation report (all three file formats and the digest). */
import type { Channel, TicketPriority } from '../domain/ids';
import { MONTH_NAMES } from '../tickets';

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = { webchat: 'Obrolan web', telegram: 'Telegram', whatsapp: 'WhatsApp' };
export const PRIORITY_LABELS: Readonly<Record<TicketPriority, string>> = { kritis: 'Kritis', tinggi: 'Tinggi', sedang: 'Sedang', rendah: 'Rendah' };
export const SENDER_LABELS = { user: 'Pengguna', bot: 'Bot', agent: 'Petugas' } as const;

const integer = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 2 });

export const formatCount = (n: number): string => integer.format(n);
/** 0.923 -> "92,3%". */
export const formatShare = (share: number | null): string => (share === null ? '-' : `${oneDecimal.format(share * 100)}%`);
export const formatDecimal = (x: number | null): string => (x === null ? '-' : twoDecimals.format(x));

/** Working minutes as hours: 95 -> "1,6 jam kerja"; under an hour in minutes. */
export function formatWorkingMinutes(minutes: number | null): string {
  if (minutes === null) return '-';
  if (minutes < 60) return `${integer.format(Math.round(minutes))} menit kerja`;
  return `${oneDecimal.format(minutes / 60)} jam kerja`;
}

/** Indonesian date and time of an instant (WIB): "30 November 2026 pukul 14.05 WIB". */
export function formatInstant(at: number): string {
  const d = new Date(at + 7 * 3_600_000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()} pukul ${hh}.${mm} WIB`;
}

/** An indicator's value in its unit: "12", "92,3%", "1,6 jam kerja", "4,25". */
export function formatValue(value: number | null, unit: 'jumlah' | 'persen' | 'menit kerja' | 'menit' | 'skala 1-5'): string {
  if (value === null) return '-';
  switch (unit) {
    case 'menit':
      return value < 60 ? `${formatCount(Math.round(value))} menit` : `${new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value / 60)} jam`;
    case 'jumlah':
      return formatCount(value);
    case 'persen':
      return `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(value)}%`;
    case 'menit kerja':
      return formatWorkingMinutes(value);
    case 'skala 1-5':
      return formatDecimal(value);
  }
}

export function formatTarget(target: { value: number; kind: 'min' | 'max' } | undefined, unit: Parameters<typeof formatValue>[1]): string {
  if (!target) return '-';
  return `${target.kind === 'min' ? 'min.' : 'maks.'} ${formatValue(target.value, unit)}`;
}

export function formatMet(met: boolean | null | undefined): string {
  if (met === undefined) return '-';
  if (met === null) return 'Belum ada data';
  return met ? 'Tercapai' : 'Belum tercapai';
}

/** "2026-11-30 14:05" (WIB), for ticket rows. */
export function formatStamp(at: number | null): string {
  if (at === null) return '';
  return new Date(at + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

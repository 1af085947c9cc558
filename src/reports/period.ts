/**
 * Report periods: calendar dates in Asia/Jakarta (interfaces.md section 8: `from` and `to`
 * inclusive) turned into a half-open range of instants [from 00:00 WIB, day after `to` 00:00 WIB).
 */
import { UserInputError } from '../domain/errors';
import { MONTH_NAMES } from '../tickets';

const DAY = 86_400_000;
/** WIB, the zone of the dates in the API (UTC+7, no daylight saving). */
export const REPORT_OFFSET_MS = 7 * 3_600_000;
/** A year's report, leap years included. */
export const MAX_PERIOD_DAYS = 366;

export interface Period {
  /** YYYY-MM-DD as given (WIB). */
  fromDate: string;
  toDate: string;
  /** [from, to) in epoch ms. */
  from: number;
  to: number;
  days: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dayStart(date: string, name: string): number {
  if (!DATE.test(date)) throw new UserInputError(`Parameter "${name}" harus tanggal dengan format YYYY-MM-DD.`);
  const utc = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(utc) || new Date(utc).toISOString().slice(0, 10) !== date) throw new UserInputError(`Tanggal "${date}" pada parameter "${name}" tidak ada di kalender.`);
  return utc - REPORT_OFFSET_MS;
}

export function dateOf(at: number): string {
  return new Date(at + REPORT_OFFSET_MS).toISOString().slice(0, 10);
}

/** Period of the two dates (inclusive, WIB); validated with Indonesian errors. */
export function parsePeriod(fromDate: string | undefined, toDate: string | undefined): Period {
  if (!fromDate || !toDate) throw new UserInputError('Parameter "from" dan "to" wajib diisi (format YYYY-MM-DD).');
  const from = dayStart(fromDate, 'from');
  const to = dayStart(toDate, 'to') + DAY;
  if (to <= from) throw new UserInputError('Tanggal "to" tidak boleh sebelum tanggal "from".');
  const days = Math.round((to - from) / DAY);
  if (days > MAX_PERIOD_DAYS) throw new UserInputError(`Periode laporan paling panjang ${MAX_PERIOD_DAYS} hari.`);
  return { fromDate, toDate, from, to, days };
}

/** The calendar month (WIB) `YYYY-MM` as a period. */
export function monthPeriod(month: string): Period {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new UserInputError(`Bulan "${month}" harus berformat YYYY-MM.`);
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return parsePeriod(`${month}-01`, `${month}-${String(last).padStart(2, '0')}`);
}

/** `YYYY-MM` of the month before the one containing `at` (WIB). */
export function previousMonth(at: number): string {
  const d = new Date(at + REPORT_OFFSET_MS);
  const prev = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  return prev.toISOString().slice(0, 7);
}

/** Start (epoch ms) of the month after the one containing `at` (WIB). */
export function nextMonthStart(at: number): number {
  const d = new Date(at + REPORT_OFFSET_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - REPORT_OFFSET_MS;
}

/** "1 November 2026". */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTH_NAMES[(m ?? 1) - 1]} ${y}`;
}

/** "November 2026" for a whole month, else "1 November 2026 s.d. 15 Desember 2026". */
export function periodLabel(p: Pick<Period, 'fromDate' | 'toDate'>): string {
  const [fy, fm, fd] = p.fromDate.split('-').map(Number);
  const [ty, tm, td] = p.toDate.split('-').map(Number);
  const lastOfMonth = new Date(Date.UTC(ty!, tm!, 0)).getUTCDate();
  if (fy === ty && fm === tm && fd === 1 && td === lastOfMonth) return `${MONTH_NAMES[fm! - 1]} ${fy}`;
  if (p.fromDate === p.toDate) return formatDate(p.fromDate);
  return `${formatDate(p.fromDate)} s.d. ${formatDate(p.toDate)}`;
}

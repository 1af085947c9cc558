/** Calendar days in Asia/Jakarta (WIB, UTC+7) as YYYY-MM-DD: the unit of daily availability. */

const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** YYYY-MM-DD of the instant in Asia/Jakarta. */
export function jakartaDay(at: number): string {
  return new Date(at + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The `count` days ending with the day of `at`, oldest first. */
export function lastDays(at: number, count: number): string[] {
  const days: string[] = [];
  for (let i = count - 1; i >= 0; i--) days.push(jakartaDay(at - i * DAY_MS));
  return days;
}

/** YYYY-MM of a day. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** First day (YYYY-MM-01) of the month of `at` in Asia/Jakarta. */
export function monthStart(at: number): string {
  return `${jakartaDay(at).slice(0, 7)}-01`;
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** "24 November 2026" from YYYY-MM-DD. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "November 2026" from YYYY-MM. */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1]} ${y}`;
}

/** "24 Nov 2026 10.15 WIB": short date and time in Asia/Jakarta for timelines and the status page. */
export function formatShortDateTime(at: number): string {
  const d = new Date(at + JAKARTA_OFFSET_MS);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]!.slice(0, 3)} ${d.getUTCFullYear()} ${hh}.${mm} WIB`;
}

/**
 * Ticket numbers HD-YYMMDD-NNNN (interfaces.md section 4): the creation date in Asia/Jakarta
 * and a sequence of at least 4 digits that restarts each day. The sequence comes from an atomic
 * store counter named `ticket-YYMMDD`, so two processes never hand out the same number.
 */
import { TICKET_NUMBER_IN_TEXT, TICKET_NUMBER_PATTERN } from '../domain/ids';

/** WIB (UTC+7, no daylight saving). */
const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;

/** YYMMDD of the instant in Asia/Jakarta. */
export function jakartaDateKey(at: number | Date): string {
  const d = new Date((typeof at === 'number' ? at : at.getTime()) + JAKARTA_OFFSET_MS);
  const yy = String(d.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${yy}${mm}${dd}`;
}

export function ticketCounterName(at: number | Date): string {
  return `ticket-${jakartaDateKey(at)}`;
}

/** 'HD-YYMMDD-': the NewTicket.numberPrefix the store completes with the day's counter. */
export function ticketNumberPrefix(at: number | Date): string {
  return `HD-${jakartaDateKey(at)}-`;
}

export function formatTicketNumber(at: number | Date, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`Nomor urut tiket tidak valid: ${seq}`);
  return `HD-${jakartaDateKey(at)}-${String(seq).padStart(4, '0')}`;
}

/** The next number of the day, from an atomic counter (Store.nextCounter). */
export async function nextTicketNumber(now: number, nextCounter: (name: string) => Promise<number>): Promise<string> {
  const seq = await nextCounter(ticketCounterName(now));
  return formatTicketNumber(now, seq);
}

export function isTicketNumber(value: string): boolean {
  return TICKET_NUMBER_PATTERN.test(value);
}

/** A ticket number written in free text (tolerant of case and spaces), normalised, or null. */
export function findTicketNumber(text: string): string | null {
  const m = TICKET_NUMBER_IN_TEXT.exec(text);
  return m ? `HD-${m[1]}-${m[2]}` : null;
}

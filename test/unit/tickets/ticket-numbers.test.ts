import { TICKET_NUMBER_PATTERN } from '../../../src/domain/ids';
import { findTicketNumber, formatTicketNumber, jakartaDateKey, nextTicketNumber, ticketCounterName, ticketNumberPrefix } from '../../../src/tickets/ticket-numbers';

function memoryCounter() {
  const counters = new Map<string, number>();
  const next = async (name: string) => {
    const n = (counters.get(name) ?? 0) + 1;
    counters.set(name, n);
    return n;
  };
  return { counters, next };
}

describe('ticket numbers', () => {
  test('format HD-YYMMDD-NNNN with at least four digits', () => {
    const at = Date.UTC(2026, 10, 23, 2, 0); // 09:00 WIB
    expect(formatTicketNumber(at, 1)).toBe('HD-261123-0001');
    expect(formatTicketNumber(at, 42)).toBe('HD-261123-0042');
    expect(formatTicketNumber(at, 12345)).toBe('HD-261123-12345');
    expect(formatTicketNumber(at, 12345)).toMatch(TICKET_NUMBER_PATTERN);
    expect(() => formatTicketNumber(at, 0)).toThrow(RangeError);
  });

  test('the date is the Asia/Jakarta date, not UTC, around midnight', () => {
    // 23:59:59 WIB on 23 Nov is 16:59:59 UTC; one second later it is 24 Nov in Jakarta.
    expect(jakartaDateKey(Date.UTC(2026, 10, 23, 16, 59, 59))).toBe('261123');
    expect(jakartaDateKey(Date.UTC(2026, 10, 23, 17, 0, 0))).toBe('261124');
    // 31 Dec 2026 20:00 UTC is already 1 Jan 2027 in Jakarta.
    expect(formatTicketNumber(Date.UTC(2026, 11, 31, 20, 0), 7)).toBe('HD-270101-0007');
    expect(ticketNumberPrefix(Date.UTC(2026, 10, 23, 17, 0))).toBe('HD-261124-');
  });

  test('the sequence restarts each Jakarta day through the counter ticket-YYMMDD', async () => {
    const { counters, next } = memoryCounter();
    const lateEvening = Date.UTC(2026, 10, 23, 16, 58); // 23:58 WIB
    expect(await nextTicketNumber(lateEvening, next)).toBe('HD-261123-0001');
    expect(await nextTicketNumber(lateEvening + 60_000, next)).toBe('HD-261123-0002');
    const afterMidnight = Date.UTC(2026, 10, 23, 17, 1); // 00:01 WIB on the 24th
    expect(await nextTicketNumber(afterMidnight, next)).toBe('HD-261124-0001');
    expect([...counters.keys()]).toEqual(['ticket-261123', 'ticket-261124']);
    expect(ticketCounterName(afterMidnight)).toBe('ticket-261124');
  });

  test('numbers are found in free text and normalised', () => {
    expect(findTicketNumber('status hd-261123-0042 gimana')).toBe('HD-261123-0042');
    expect(findTicketNumber('HD 261123 0042')).toBe('HD-261123-0042');
    expect(findTicketNumber('nomor 261123')).toBeNull();
  });
});

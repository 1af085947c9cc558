import { loadBusinessCalendar } from '../../../src/tickets';
import { WorkingTime } from '../../../src/reports/working-time';

const calendar = loadBusinessCalendar();

describe('WorkingTime', () => {
  it('gives the same working minutes as the business calendar, across nights, weekends and holidays', () => {
    const wt = new WorkingTime(calendar);
    // A deterministic spread of intervals over two years, in both directions from the first call.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const start = Date.UTC(2025, 11, 1);
    for (let i = 0; i < 2000; i++) {
      const from = start + Math.floor(rand() * 730 * 86_400_000);
      const to = from + Math.floor(rand() * (i % 10 === 0 ? 40 : 5) * 86_400_000);
      expect(wt.between(from, to)).toBeCloseTo(calendar.workingMinutesBetween(from, to), 6);
    }
  });

  it('is zero for an empty or reversed interval and counts only office hours', () => {
    const wt = new WorkingTime(calendar);
    const monday9 = Date.UTC(2026, 10, 23, 2, 0); // Monday 23 November 2026, 09:00 WIB
    expect(wt.between(monday9, monday9)).toBe(0);
    expect(wt.between(monday9 + 1000, monday9)).toBe(0);
    expect(wt.between(monday9, monday9 + 60 * 60_000)).toBe(60);
    // Saturday to Sunday: no office hours.
    const saturday = Date.UTC(2026, 10, 28, 3, 0);
    expect(wt.between(saturday, saturday + 24 * 3_600_000)).toBe(0);
  });
});

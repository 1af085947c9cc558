import { dailySeries, monthAvailability, percent, targetPercent } from '../../../src/operations/availability';
import { jakartaDay, lastDays } from '../../../src/operations/days';
import type { DayCount } from '../../../src/operations/types';

const svc = (value: string) => ({ id: 'kepegawaian', availability: { value, note: '', isDefault: true } });

describe('availability against the catalog target', () => {
  it('reads the percentage of the catalog text', () => {
    expect(targetPercent(svc('99% per bulan (nilai bawaan, dapat diubah)'))).toBe(99);
    expect(targetPercent(svc('99,5 % per bulan'))).toBe(99.5);
    expect(targetPercent(svc('belum ditetapkan'))).toBeNull();
    expect(targetPercent(undefined)).toBeNull();
  });

  it('counts days in Asia/Jakarta', () => {
    expect(jakartaDay(Date.UTC(2026, 10, 23, 16, 59))).toBe('2026-11-23');
    expect(jakartaDay(Date.UTC(2026, 10, 23, 17, 0))).toBe('2026-11-24');
    const days = lastDays(Date.UTC(2026, 10, 24, 3, 0), 90);
    expect(days).toHaveLength(90);
    expect(days[89]).toBe('2026-11-24');
    expect(days[0]).toBe('2026-08-27');
  });

  it('gives the share of up checks per day and per month, and whether the target is met', () => {
    const counts: DayCount[] = [
      { service: 'kepegawaian', day: '2026-11-01', checks: 1440, ups: 1440 },
      { service: 'kepegawaian', day: '2026-11-02', checks: 1440, ups: 1296 },
      { service: 'kepegawaian', day: '2026-10-31', checks: 1440, ups: 0 },
      { service: 'jdih', day: '2026-11-02', checks: 10, ups: 0 },
    ];
    expect(dailySeries(counts, 'kepegawaian', ['2026-11-01', '2026-11-02', '2026-11-03'])).toEqual([
      { date: '2026-11-01', availability: 100 },
      { date: '2026-11-02', availability: 90 },
      { date: '2026-11-03', availability: null },
    ]);
    const month = monthAvailability(counts, svc('99% per bulan'), Date.UTC(2026, 10, 2, 5, 0));
    expect(month).toMatchObject({ month: '2026-11', checks: 2880, ups: 2736, availability: 95, target: 99, met: false });
    expect(monthAvailability(counts, svc('90% per bulan'), Date.UTC(2026, 10, 2, 5, 0)).met).toBe(true);
    expect(monthAvailability([], svc('99%'), Date.UTC(2026, 10, 2)).met).toBeNull();
    expect(percent(2, 3)).toBe(66.67);
    expect(percent(0, 0)).toBeNull();
  });
});

/** Report periods, per-ticket clocks in working time, percentiles and gap grouping. */
import { groupGaps } from '../../../src/knowledge/gaps';
import { median, nearestRank, TicketAccumulator } from '../../../src/reports/figures';
import { monthPeriod, parsePeriod, periodLabel, previousMonth, nextMonthStart } from '../../../src/reports/period';
import type { TicketFact } from '../../../src/reports/port';
import { ticketMetrics } from '../../../src/reports/ticket-metrics';
import { WorkingTime } from '../../../src/reports/working-time';
import { loadBusinessCalendar } from '../../../src/tickets';

const wt = new WorkingTime(loadBusinessCalendar());
const wib = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour - 7, minute);

function fact(over: Partial<TicketFact>): TicketFact {
  return {
    number: 'HD-261123-0001',
    category: 'gangguan',
    status: 'baru',
    priority: 'sedang',
    service: 'kepegawaian',
    agency: 'bkpsdm',
    channel: 'webchat',
    createdAt: wib(23, 8),
    updatedAt: wib(23, 8),
    responseDueAt: wib(23, 10),
    resolveDueAt: wib(24, 16),
    pausedMs: 0,
    pausedSince: null,
    transitions: [],
    rating: null,
    comment: null,
    ratedAt: null,
    ...over,
  };
}

describe('periods', () => {
  it('turns inclusive WIB dates into [00:00 WIB, next day 00:00 WIB)', () => {
    const p = parsePeriod('2026-11-01', '2026-11-30');
    expect(p).toMatchObject({ from: Date.UTC(2026, 9, 31, 17), to: Date.UTC(2026, 10, 30, 17), days: 30 });
    expect(periodLabel(p)).toBe('November 2026');
    expect(periodLabel(parsePeriod('2026-11-03', '2026-11-03'))).toBe('3 November 2026');
    expect(monthPeriod('2024-02').days).toBe(29);
    expect(previousMonth(Date.UTC(2026, 0, 1, 0))).toBe('2025-12'); // 07:00 WIB on 1 January
    expect(nextMonthStart(Date.UTC(2026, 10, 30, 18))).toBe(Date.UTC(2026, 11, 31, 17)); // 1 Dec 01:00 WIB -> 1 Jan
  });

  it('refuses malformed, impossible, reversed and over-long periods in Indonesian', () => {
    for (const [from, to] of [
      [undefined, '2026-11-01'],
      ['2026-11-1', '2026-11-30'],
      ['2026-02-30', '2026-03-01'],
      ['2026-11-30', '2026-11-01'],
      ['2025-01-01', '2026-12-31'],
    ] as const) {
      expect(() => parsePeriod(from, to)).toThrow(/tanggal|parameter|periode/i);
    }
  });
});

describe('ticket clocks', () => {
  it('measures response and resolution in working minutes without the time waiting on the reporter', () => {
    const m = ticketMetrics(
      fact({
        status: 'selesai',
        transitions: [
          [wib(23, 8, 30), 'baru', 'ditugaskan'],
          [wib(23, 9), 'ditugaskan', 'diproses'],
          [wib(23, 15), 'diproses', 'menunggu_pelapor'], // waits overnight: 1 h Monday + 1.5 h Tuesday
          [wib(24, 9), 'menunggu_pelapor', 'diproses'],
          [wib(24, 10), 'diproses', 'selesai'],
        ],
      }),
      wt,
      wib(25, 8),
    );
    expect(m).toMatchObject({ responseMinutes: 30, responseMet: true, open: false, overdue: false, resolutionMet: true });
    // 08:00 Mon -> 10:00 Tue = 8 h + 2.5 h = 630 min, minus 150 min waiting.
    expect(m.resolutionMinutes).toBe(480);
  });

  it('counts a running clock past its due time as missed, and a paused one as not overdue', () => {
    const late = ticketMetrics(fact({}), wt, wib(25, 8));
    expect(late).toMatchObject({ respondedAt: null, responseMet: false, resolutionMet: false, open: true, overdue: true });
    const early = ticketMetrics(fact({}), wt, wib(23, 9));
    expect(early).toMatchObject({ responseMet: null, resolutionMet: null, overdue: false });
    const paused = ticketMetrics(fact({ status: 'menunggu_pelapor', pausedSince: wib(23, 9), transitions: [[wib(23, 8, 10), 'baru', 'diproses']] }), wt, wib(27, 8));
    expect(paused).toMatchObject({ responseMet: true, resolutionMet: null, overdue: false });
  });

  it('uses the middle value (mean of two) as median and the nearest rank as 90th percentile', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([1, 3, 10, 20])).toBe(6.5);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
    const acc = new TicketAccumulator(wt, wib(30, 8));
    for (const minutes of [10, 20, 30, 40, 50]) acc.add(fact({ transitions: [[wib(23, 8, minutes), 'baru', 'ditugaskan']] }));
    acc.add(fact({ status: 'ditutup', rating: 4, transitions: [[wib(23, 9), 'baru', 'selesai']] }));
    const t = acc.tickets();
    expect(t.firstResponse).toEqual({ count: 6, medianMinutes: 35, p90Minutes: 60, met: 6, missed: 0, metShare: 1 });
    expect(t.byStatus).toMatchObject({ baru: 5, ditutup: 1 });
    expect(acc.csat()).toEqual({ count: 1, average: 4, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 }, comments: [] });
  });
});

describe('gap grouping', () => {
  it('merges similar questions, most frequent wording first, and keeps the variants', () => {
    const gaps = groupGaps(
      [
        { normalized: 'cara daftar magang mahasiswa', text: 'Cara daftar magang mahasiswa?', count: 3, lastAt: 10, kinds: { unanswered: 3 }, service: null },
        { normalized: 'bagaimana cara daftar magang mahasiswa', text: 'bagaimana cara daftar magang mahasiswa', count: 2, lastAt: 20, kinds: { low_confidence: 2 }, service: null },
        { normalized: 'jam buka kantor kecamatan', text: 'jam buka kantor kecamatan?', count: 4, lastAt: 5, kinds: { unanswered: 4 }, service: null },
      ],
      null,
      10,
    );
    expect(gaps).toEqual([
      expect.objectContaining({ text: 'Cara daftar magang mahasiswa?', count: 5, lastAt: 20, kinds: { unanswered: 3, low_confidence: 2 }, variants: ['bagaimana cara daftar magang mahasiswa'], coveredBy: null }),
      expect.objectContaining({ text: 'jam buka kantor kecamatan?', count: 4, variants: [] }),
    ]);
  });
});

/**
 * Availability (ketersediaan) from the kept checks, as Uptime Kuma computes uptime: the share of
 * checks that found the service up, per day (Asia/Jakarta) and per month, compared with the
 * catalog's target (faq/catalog.yaml `target_ketersediaan`, e.g. "99% per bulan").
 */
import type { Service } from '../knowledge/types';
import { jakartaDay, monthOf } from './days';
import type { DayCount } from './types';

/** The percentage in a catalog target text ("99% per bulan (nilai bawaan)" -> 99), or null. */
export function targetPercent(service: Pick<Service, 'availability'> | undefined): number | null {
  const m = service ? /(\d{1,3}(?:[.,]\d+)?)\s*%/.exec(service.availability.value) : null;
  if (!m) return null;
  const v = Number(m[1]!.replace(',', '.'));
  return v > 0 && v <= 100 ? v : null;
}

/** Percentage of ups among checks, rounded to 2 decimals; null without checks. */
export function percent(ups: number, checks: number): number | null {
  return checks > 0 ? Math.round((ups / checks) * 10_000) / 100 : null;
}

export interface DailyAvailability {
  /** YYYY-MM-DD */
  date: string;
  /** null: no check that day. */
  availability: number | null;
}

/** One entry per day of `days` (oldest first) for `service`. */
export function dailySeries(counts: DayCount[], service: string, days: string[]): DailyAvailability[] {
  const byDay = new Map<string, DayCount>();
  for (const c of counts) if (c.service === service) byDay.set(c.day, c);
  return days.map((date) => {
    const c = byDay.get(date);
    return { date, availability: c ? percent(c.ups, c.checks) : null };
  });
}

export interface PeriodAvailability {
  checks: number;
  ups: number;
  availability: number | null;
}

/** Sum of the counts of `service` whose day passes `include`. */
export function periodAvailability(counts: DayCount[], service: string, include: (day: string) => boolean): PeriodAvailability {
  let checks = 0;
  let ups = 0;
  for (const c of counts) {
    if (c.service !== service || !include(c.day)) continue;
    checks += c.checks;
    ups += c.ups;
  }
  return { checks, ups, availability: percent(ups, checks) };
}

export interface MonthAvailability extends PeriodAvailability {
  /** YYYY-MM */
  month: string;
  target: number | null;
  /** null while there is no check or no target. */
  met: boolean | null;
}

/** Availability of `service` in the month of `at` against the catalog target. */
export function monthAvailability(counts: DayCount[], service: Pick<Service, 'id' | 'availability'>, at: number): MonthAvailability {
  const month = monthOf(jakartaDay(at));
  const period = periodAvailability(counts, service.id, (d) => monthOf(d) === month);
  const target = targetPercent(service);
  return { month, ...period, target, met: period.availability === null || target === null ? null : period.availability >= target };
}

/**
 * The working calendar of the officers: office hours per weekday and the national holidays and
 * cuti bersama (flows/kalender-kerja.yaml + flows/hari-libur.yaml). SLA clocks run only inside
 * these hours; hand-off messages tell the user when officers are back.
 *
 * Times are epoch milliseconds. Local time is computed with a fixed UTC offset (WIB is UTC+7 and
 * Indonesia has no daylight saving), so results never depend on the host's time zone.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { DataFileError } from '../domain/errors';
import { DEFAULT_FLOWS_DIR, displayName, readYaml, validateData } from './data-files';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Guard against a calendar with no working time at all (would loop forever). */
const MAX_DAYS_SCANNED = 3 * 366;

export const DAY_NAMES = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const;
export const MONTH_NAMES = [
  'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni',
  'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember',
] as const;
const WEEKDAY_KEYS = ['minggu', 'senin', 'selasa', 'rabu', 'kamis', 'jumat', 'sabtu'] as const;

/** Minutes after local midnight. */
export interface OfficeWindow {
  start: number;
  end: number;
}

export interface Holiday {
  date: string;
  name: string;
  kind: 'libur_nasional' | 'cuti_bersama';
}

export interface CalendarConfig {
  utcOffsetMinutes: number;
  zoneLabel: string;
  /** Index 0 = Sunday ... 6 = Saturday. */
  week: OfficeWindow[][];
  holidays: Holiday[];
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'format jam HH:MM, mis. 07:30');
const windowSchema = z.object({ mulai: hhmm, selesai: hhmm }).strict();
const calendarFileSchema = z.object({
  zona_waktu: z.string().min(1),
  selisih_utc_menit: z.number().int().min(-720).max(840),
  label_zona: z.string().min(1),
  jam_kerja: z.object(Object.fromEntries(WEEKDAY_KEYS.map((d) => [d, z.array(windowSchema).default([])])) as Record<
    (typeof WEEKDAY_KEYS)[number],
    z.ZodDefault<z.ZodArray<typeof windowSchema>>
  >).strict(),
}).strict();

const holidaysFileSchema = z.object({
  hari_libur: z.array(
    z.object({
      tanggal: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'format tanggal YYYY-MM-DD (pakai tanda kutip)'),
      nama: z.string().trim().min(1),
      jenis: z.enum(['libur_nasional', 'cuti_bersama']),
    }).strict(),
  ),
}).strict();

function minutesOf(value: string): number {
  const [h, m] = value.split(':').map(Number);
  return h! * 60 + m!;
}

export function loadCalendarConfig(flowsDir: string = DEFAULT_FLOWS_DIR): CalendarConfig {
  const calPath = join(flowsDir, 'kalender-kerja.yaml');
  const calFile = displayName(calPath);
  const cal = validateData(calendarFileSchema, calFile, readYaml(calPath));
  const week: OfficeWindow[][] = WEEKDAY_KEYS.map((day) => {
    const windows = cal.jam_kerja[day].map((w) => ({ start: minutesOf(w.mulai), end: minutesOf(w.selesai) }));
    windows.forEach((w, i) => {
      if (w.end <= w.start) throw new DataFileError(calFile, null, `jam_kerja.${day}.${i}.selesai`, 'jam selesai harus setelah jam mulai');
      const prev = windows[i - 1];
      if (prev && w.start < prev.end) throw new DataFileError(calFile, null, `jam_kerja.${day}.${i}.mulai`, 'jam kerja tumpang tindih');
    });
    return windows;
  });
  if (week.every((w) => w.length === 0)) throw new DataFileError(calFile, null, 'jam_kerja', 'tidak ada hari kerja sama sekali');

  const holPath = join(flowsDir, 'hari-libur.yaml');
  const holFile = displayName(holPath);
  const hol = validateData(holidaysFileSchema, holFile, readYaml(holPath));
  const seen = new Set<string>();
  for (const h of hol.hari_libur) {
    const d = new Date(`${h.tanggal}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== h.tanggal) {
      throw new DataFileError(holFile, `hari_libur[${h.tanggal}]`, 'tanggal', 'tanggal tidak ada di kalender');
    }
    if (seen.has(h.tanggal)) throw new DataFileError(holFile, `hari_libur[${h.tanggal}]`, 'tanggal', 'tanggal ganda');
    seen.add(h.tanggal);
  }
  return {
    utcOffsetMinutes: cal.selisih_utc_menit,
    zoneLabel: cal.label_zona,
    week,
    holidays: hol.hari_libur.map((h) => ({ date: h.tanggal, name: h.nama, kind: h.jenis })),
  };
}

export class BusinessCalendar {
  private readonly offset: number;
  private readonly holidays: Map<string, Holiday>;

  constructor(readonly config: CalendarConfig) {
    this.offset = config.utcOffsetMinutes * MINUTE;
    this.holidays = new Map(config.holidays.map((h) => [h.date, h]));
  }

  /** The holiday on the local date of `at`, if any. */
  holidayOn(at: number): Holiday | null {
    return this.holidays.get(this.localDateKey(at)) ?? null;
  }

  /** YYYY-MM-DD of the local date. */
  localDateKey(at: number): string {
    return new Date(at + this.offset).toISOString().slice(0, 10);
  }

  /** Working windows of the local day starting at `dayStartLocal` (local-clock ms), as local ms. */
  private windowsOfDay(dayStartLocal: number): { from: number; to: number }[] {
    const key = new Date(dayStartLocal).toISOString().slice(0, 10);
    if (this.holidays.has(key)) return [];
    const dow = new Date(dayStartLocal).getUTCDay();
    return (this.config.week[dow] ?? []).map((w) => ({ from: dayStartLocal + w.start * MINUTE, to: dayStartLocal + w.end * MINUTE }));
  }

  isOpen(now: number): boolean {
    const local = now + this.offset;
    const dayStart = Math.floor(local / DAY) * DAY;
    return this.windowsOfDay(dayStart).some((w) => local >= w.from && local < w.to);
  }

  /** `now` when open, else the start of the next working window. */
  nextOpen(now: number): number {
    let local = now + this.offset;
    for (let i = 0; i < MAX_DAYS_SCANNED; i++) {
      const dayStart = Math.floor(local / DAY) * DAY;
      for (const w of this.windowsOfDay(dayStart)) {
        if (local < w.to) return Math.max(local, w.from) - this.offset;
      }
      local = dayStart + DAY;
    }
    throw new Error('Kalender kerja tidak memiliki jam kerja dalam tiga tahun ke depan.');
  }

  /** e.g. "Senin, 24 November 2026 pukul 07.30 WIB". */
  formatDateTime(at: number): string {
    const d = new Date(at + this.offset);
    const hh = String(d.getUTCHours()).padStart(2, '0');
    const mm = String(d.getUTCMinutes()).padStart(2, '0');
    return `${DAY_NAMES[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()} pukul ${hh}.${mm} ${this.config.zoneLabel}`;
  }

  nextOpenText(now: number): string {
    return this.formatDateTime(this.nextOpen(now));
  }

  /** What DialoguePorts.officeHours returns. */
  officeHours(now: number): { open: boolean; nextOpenText: string } {
    return { open: this.isOpen(now), nextOpenText: this.nextOpenText(now) };
  }

  /** The instant `minutes` working minutes after `start` (counting only office hours). */
  addWorkingMinutes(start: number, minutes: number): number {
    let remaining = Math.max(0, minutes) * MINUTE;
    let local = start + this.offset;
    if (remaining === 0) return start;
    for (let i = 0; i < MAX_DAYS_SCANNED; i++) {
      const dayStart = Math.floor(local / DAY) * DAY;
      for (const w of this.windowsOfDay(dayStart)) {
        if (local >= w.to) continue;
        const from = Math.max(local, w.from);
        const available = w.to - from;
        if (remaining <= available) return from + remaining - this.offset;
        remaining -= available;
        local = w.to;
      }
      local = dayStart + DAY;
    }
    throw new Error('Kalender kerja tidak memiliki cukup jam kerja dalam tiga tahun ke depan.');
  }

  /** Working minutes between two instants (0 when `to` <= `from`). */
  workingMinutesBetween(from: number, to: number): number {
    if (to <= from) return 0;
    let total = 0;
    let local = from + this.offset;
    const end = to + this.offset;
    while (local < end) {
      const dayStart = Math.floor(local / DAY) * DAY;
      for (const w of this.windowsOfDay(dayStart)) {
        const a = Math.max(local, w.from);
        const b = Math.min(end, w.to);
        if (b > a) total += b - a;
      }
      local = dayStart + DAY;
    }
    return total / MINUTE;
  }
}

let defaultCalendar: BusinessCalendar | null = null;
/** The calendar of the default flows/ directory, loaded once on first use. */
export function getDefaultCalendar(): BusinessCalendar {
  defaultCalendar ??= new BusinessCalendar(loadCalendarConfig());
  return defaultCalendar;
}

export function loadBusinessCalendar(flowsDir: string = DEFAULT_FLOWS_DIR): BusinessCalendar {
  return new BusinessCalendar(loadCalendarConfig(flowsDir));
}

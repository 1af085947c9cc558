import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFileError } from '../../../src/domain/errors';
import { loadBusinessCalendar, loadCalendarConfig } from '../../../src/tickets/business-calendar';
import { DEFAULT_FLOWS_DIR } from '../../../src/tickets/data-files';

const cal = loadBusinessCalendar();
/** A WIB wall-clock time as epoch ms. */
const wib = (y: number, m: number, d: number, h: number, min = 0) => Date.UTC(y, m - 1, d, h - 7, min);

describe('business calendar', () => {
  test('office hours Mon-Thu 07:30-16:00, Fri 07:30-11:00, closed at weekends', () => {
    expect(cal.isOpen(wib(2026, 11, 23, 9))).toBe(true); // Monday
    expect(cal.isOpen(wib(2026, 11, 23, 7, 29))).toBe(false);
    expect(cal.isOpen(wib(2026, 11, 23, 7, 30))).toBe(true);
    expect(cal.isOpen(wib(2026, 11, 23, 16, 0))).toBe(false);
    expect(cal.isOpen(wib(2026, 11, 27, 10, 59))).toBe(true); // Friday
    expect(cal.isOpen(wib(2026, 11, 27, 11, 0))).toBe(false);
    expect(cal.isOpen(wib(2026, 11, 28, 10))).toBe(false); // Saturday
  });

  test('holidays and cuti bersama are closed', () => {
    expect(cal.isOpen(wib(2026, 12, 24, 9))).toBe(false); // cuti bersama Natal (Thursday)
    expect(cal.isOpen(wib(2026, 12, 25, 9))).toBe(false); // Natal (Friday)
    expect(cal.isOpen(wib(2026, 3, 23, 9))).toBe(false); // cuti bersama Idul Fitri (Monday)
    expect(cal.holidayOn(wib(2026, 8, 17, 9))?.name).toBe('Proklamasi Kemerdekaan RI');
  });

  test('nextOpen skips nights, weekends and holidays, with Indonesian text', () => {
    expect(cal.nextOpen(wib(2026, 11, 23, 9))).toBe(wib(2026, 11, 23, 9)); // already open
    expect(cal.nextOpen(wib(2026, 11, 23, 20))).toBe(wib(2026, 11, 24, 7, 30));
    expect(cal.nextOpenText(wib(2026, 11, 27, 12))).toBe('Senin, 30 November 2026 pukul 07.30 WIB');
    expect(cal.nextOpenText(wib(2026, 12, 23, 17))).toBe('Senin, 28 Desember 2026 pukul 07.30 WIB');
    expect(cal.officeHours(wib(2026, 11, 21, 10))).toEqual({ open: false, nextOpenText: 'Senin, 23 November 2026 pukul 07.30 WIB' });
  });

  test('addWorkingMinutes counts only office hours', () => {
    expect(cal.addWorkingMinutes(wib(2026, 11, 23, 9), 60)).toBe(wib(2026, 11, 23, 10));
    expect(cal.addWorkingMinutes(wib(2026, 11, 23, 15), 120)).toBe(wib(2026, 11, 24, 8, 30)); // overnight
    expect(cal.addWorkingMinutes(wib(2026, 11, 26, 15), 240)).toBe(wib(2026, 11, 27, 10, 30)); // into short Friday
    expect(cal.addWorkingMinutes(wib(2026, 11, 27, 10), 120)).toBe(wib(2026, 11, 30, 8, 30)); // over the weekend
    expect(cal.addWorkingMinutes(wib(2026, 12, 23, 15), 120)).toBe(wib(2026, 12, 28, 8, 30)); // over Natal + weekend
    expect(cal.addWorkingMinutes(wib(2026, 11, 21, 10), 30)).toBe(wib(2026, 11, 23, 8, 0)); // started on Saturday
  });

  test('workingMinutesBetween is the inverse', () => {
    expect(cal.workingMinutesBetween(wib(2026, 11, 27, 10), wib(2026, 11, 30, 8, 30))).toBe(120);
    expect(cal.workingMinutesBetween(wib(2026, 11, 23, 7, 30), wib(2026, 11, 23, 16))).toBe(510);
    expect(cal.workingMinutesBetween(wib(2026, 11, 24, 9), wib(2026, 11, 23, 9))).toBe(0);
  });

  test('holiday file errors name the file, the entry and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cal-'));
    try {
      cpSync(DEFAULT_FLOWS_DIR, dir, { recursive: true });
      writeFileSync(join(dir, 'hari-libur.yaml'), 'hari_libur:\n  - { tanggal: "2026-02-30", nama: Salah, jenis: libur_nasional }\n');
      expect(() => loadCalendarConfig(dir)).toThrow(DataFileError);
      expect(() => loadCalendarConfig(dir)).toThrow(/flows\/hari-libur.yaml \[hari_libur\[2026-02-30\]\] field 'tanggal'/);
      writeFileSync(join(dir, 'hari-libur.yaml'), 'hari_libur:\n  - { tanggal: "2026-05-01", nama: Buruh, jenis: libur }\n');
      expect(() => loadCalendarConfig(dir)).toThrow(/field 'jenis'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('2026 and 2027 holidays are listed', () => {
    const years = cal.config.holidays.map((h) => h.date.slice(0, 4));
    expect(years.filter((y) => y === '2026').length).toBe(25); // 17 libur nasional + 8 cuti bersama (SKB 2025)
    expect(years).toContain('2027');
  });
});

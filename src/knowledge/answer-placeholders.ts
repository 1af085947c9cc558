/**
 * Placeholders an FAQ answer may hold, filled when the answer is given (src/knowledge/answer-facts.ts):
 * facts of the helpdesk from the same files its clocks use (office hours, holidays, SLA targets)
 * and, in answers that hold for every service (`layanan: "*"`), facts of the service from the
 * catalog. The loader refuses any other name, so a typo never reaches a citizen.
 */
import type { Grade } from './types';

/** Facts of the helpdesk: flows/kalender-kerja.yaml, flows/hari-libur.yaml, flows/sla.yaml, the catalog. */
export const HELPDESK_PLACEHOLDERS = [
  /** "Senin-Kamis pukul 07.30-16.00 WIB; Jumat pukul 07.30-11.00 WIB". */
  'jam_layanan',
  /** Days without office hours ("Sabtu dan Minggu"). */
  'hari_tutup',
  /** Whether officers are on duty now, else when they are back. */
  'status_sekarang',
  /** The next public holidays and cuti bersama. */
  'hari_libur_berikutnya',
  /** One line per ticket category: first response and resolution targets at normal priority. */
  'target_layanan',
  /** Every service by category, with its applications. */
  'daftar_layanan',
  /** The coordinating agency's name. */
  'koordinator',
] as const;

/** Facts of one service (only in answers with `layanan: "*"`). */
export const SERVICE_PLACEHOLDERS = [
  /** Its applications ("SIMPEG"), or the service name when it has none. */
  'nama',
  /** The service name ("Layanan Kepegawaian"). */
  'layanan',
  'deskripsi',
  /** Owners, full names with short names in bold. */
  'pengelola',
  /** Owners, short names. */
  'pengelola_singkat',
  'cara_akses',
  /** Addresses of its applications, or how to reach it when it has none. */
  'alamat',
] as const;

/** In an answer with `rincian`: the grade the question named. */
export const DETAIL_PLACEHOLDERS = ['golongan'] as const;

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]!);
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/** "III/b" -> { major: 3, minor: 'b' }. */
export function parseGrade(text: string): Grade | null {
  const m = /^(I|II|III|IV)\/([a-e])$/.exec(text.trim());
  return m ? { major: ROMAN.indexOf(m[1] as (typeof ROMAN)[number]) + 1, minor: m[2]! } : null;
}

export function gradeText(g: Grade): string {
  return `${ROMAN[g.major - 1]}/${g.minor}`;
}

export function compareGrades(a: Grade, b: Grade): number {
  return a.major - b.major || a.minor.localeCompare(b.minor);
}

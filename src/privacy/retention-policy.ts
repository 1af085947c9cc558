/**
 * flows/retensi.yaml: how long personal data is kept before the retention job anonymises it,
 * per kind of data (a holder's `retentionKey`), and how often the job runs. Validated at load:
 * a missing period for a registered holder, an unknown name (a typo) or a bad number stops the
 * start with a DataFileError naming the file, the entry and the field.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { DataFileError } from '../domain/errors';
import { DEFAULT_FLOWS_DIR } from '../tickets';
import { displayName, readYaml, validateData } from '../tickets/data-files';

export const DAY_MS = 24 * 60 * 60_000;

export interface RetentionPolicy {
  file: string;
  /** How often the retention job runs. */
  intervalMs: number;
  /** Retention period in days per key of masa_simpan. */
  days: Readonly<Record<string, number>>;
}

const fileSchema = z
  .object({
    jadwal: z.object({ setiap_jam: z.number().int().min(1).max(168) }).strict(),
    masa_simpan: z.record(
      z.string().regex(/^[a-z0-9_]{1,60}$/, 'nama: huruf kecil, angka dan garis bawah'),
      z.object({ hari: z.number().int().min(1).max(36_500), keterangan: z.string().max(2000).optional() }).strict(),
    ),
  })
  .strict();

/**
 * Reads flows/retensi.yaml. `requiredKeys`: the retention keys of the registered holders; each
 * must have a period and no other name is allowed.
 */
export function loadRetentionPolicy(flowsDir: string = DEFAULT_FLOWS_DIR, requiredKeys?: readonly string[]): RetentionPolicy {
  const path = join(flowsDir, 'retensi.yaml');
  const file = displayName(path);
  const data = validateData(fileSchema, file, readYaml(path));
  if (requiredKeys) {
    const known = new Set(requiredKeys);
    for (const key of Object.keys(data.masa_simpan)) {
      if (!known.has(key)) {
        throw new DataFileError(file, `masa_simpan[${key}]`, null, `nama tidak dikenal (yang dikenal: ${[...known].sort().join(', ')})`);
      }
    }
    for (const key of known) {
      if (!data.masa_simpan[key]) throw new DataFileError(file, `masa_simpan[${key}]`, 'hari', 'masa simpan wajib diisi');
    }
  }
  const days: Record<string, number> = {};
  for (const [key, value] of Object.entries(data.masa_simpan)) days[key] = value.hari;
  return { file, intervalMs: data.jadwal.setiap_jam * 60 * 60_000, days };
}

/** The instant before which data of `key` is past its retention period. */
export function cutoffOf(policy: RetentionPolicy, key: string, now: number): number {
  const days = policy.days[key];
  if (days === undefined) throw new DataFileError(policy.file, `masa_simpan[${key}]`, 'hari', 'masa simpan wajib diisi');
  return now - days * DAY_MS;
}

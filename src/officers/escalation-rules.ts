/** flows/eskalasi.yaml: who is told when a ticket misses its SLA target, and when. */
import { join } from 'node:path';
import { z } from 'zod';
import { DataFileError } from '../domain/errors';
import { OFFICER_ROLES, type OfficerRole, TICKET_CATEGORIES, type TicketCategory } from '../domain/ids';
import { DEFAULT_FLOWS_DIR } from '../tickets';
import { displayName, readYaml, validateData } from '../tickets/data-files';

export interface EscalationLevel {
  id: string;
  level: number;
  afterWorkingMinutes: number;
  /** null: every category. */
  categories: TicketCategory[] | null;
  role: OfficerRole;
  /** 'owner': the ticket's primary agency; else an agency id. */
  agency: 'owner' | string;
}

export interface EscalationRules {
  levels: EscalationLevel[];
  /** Waiting chats older than this (working minutes) become an informasi ticket. */
  maxWaitingWorkingMinutes: number;
}

const fileSchema = z
  .object({
    tingkat: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]{1,60}$/, 'huruf kecil, angka dan tanda minus'),
            level: z.number().int().min(1).max(9),
            setelah_menit_kerja: z.number().min(0).max(100_000),
            kategori: z.union([z.literal('semua'), z.array(z.enum(TICKET_CATEGORIES)).min(1)]),
            penerima: z.object({ peran: z.enum(OFFICER_ROLES), instansi: z.string().regex(/^[a-z0-9-]+$/) }).strict(),
          })
          .strict(),
      )
      .min(1),
    antrean_petugas: z.object({ maks_menunggu_menit_kerja: z.number().int().min(1).max(100_000) }).strict(),
  })
  .strict();

export function loadEscalationRules(flowsDir: string = DEFAULT_FLOWS_DIR, agencies?: ReadonlySet<string>): EscalationRules {
  const path = join(flowsDir, 'eskalasi.yaml');
  const file = displayName(path);
  const data = validateData(fileSchema, file, readYaml(path));
  const seen = new Set<string>();
  const levels = data.tingkat.map((t) => {
    if (seen.has(t.id)) throw new DataFileError(file, `tingkat[${t.id}]`, 'id', 'id ganda');
    seen.add(t.id);
    if (t.penerima.instansi !== 'pemilik' && agencies && !agencies.has(t.penerima.instansi)) {
      throw new DataFileError(file, `tingkat[${t.id}]`, 'penerima.instansi', `perangkat daerah '${t.penerima.instansi}' tidak dikenal`);
    }
    return {
      id: t.id,
      level: t.level,
      afterWorkingMinutes: t.setelah_menit_kerja,
      categories: t.kategori === 'semua' ? null : t.kategori,
      role: t.penerima.peran,
      agency: t.penerima.instansi === 'pemilik' ? 'owner' : t.penerima.instansi,
    } satisfies EscalationLevel;
  });
  return { levels, maxWaitingWorkingMinutes: data.antrean_petugas.maks_menunggu_menit_kerja };
}

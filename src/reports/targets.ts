/**
 * Targets the evaluation report compares its figures with (flows/target-evaluasi.yaml) and the
 * report's signatory. Validated at start like every file under flows/.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_FLOWS_DIR, displayName, readYaml, validateData } from '../tickets/data-files';

const percent = z.number().min(0, 'minimal 0').max(100, 'maksimal 100');
const fileSchema = z
  .object({
    target: z
      .object({
        respons_tepat_waktu_persen: percent,
        penyelesaian_tepat_waktu_persen: percent,
        kepuasan_rata_rata: z.number().min(1, 'skala 1-5').max(5, 'skala 1-5'),
        selesai_oleh_bot_persen: percent,
        tiket_terlambat_maksimal: z.number().int().min(0),
      })
      .strict(),
    penandatangan: z
      .object({
        jabatan: z.string().trim().min(1, 'tidak boleh kosong'),
        nama: z.string().trim().default(''),
        nip: z.string().trim().default(''),
        kota: z.string().trim().min(1, 'tidak boleh kosong'),
      })
      .strict(),
  })
  .strict();

export interface EvaluationTargets {
  /** Shares are fractions 0..1. */
  responseOnTimeShare: number;
  resolutionOnTimeShare: number;
  csatAverage: number;
  botResolvedShare: number;
  maxOverdue: number;
}

export interface Signatory {
  title: string;
  name: string;
  nip: string;
  city: string;
}

export interface EvaluationSettings {
  targets: EvaluationTargets;
  signatory: Signatory;
}

export function loadEvaluationSettings(flowsDir: string = DEFAULT_FLOWS_DIR): EvaluationSettings {
  const path = join(flowsDir, 'target-evaluasi.yaml');
  const data = validateData(fileSchema, displayName(path), readYaml(path));
  const t = data.target;
  return {
    targets: {
      responseOnTimeShare: t.respons_tepat_waktu_persen / 100,
      resolutionOnTimeShare: t.penyelesaian_tepat_waktu_persen / 100,
      csatAverage: t.kepuasan_rata_rata,
      botResolvedShare: t.selesai_oleh_bot_persen / 100,
      maxOverdue: t.tiket_terlambat_maksimal,
    },
    signatory: { title: data.penandatangan.jabatan, name: data.penandatangan.nama, nip: data.penandatangan.nip, city: data.penandatangan.kota },
  };
}

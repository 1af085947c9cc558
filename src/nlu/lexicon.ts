/**
 * The normalisation lexicon (faq/normalisasi.yaml): chat abbreviations, non-standard spellings
 * and Cirebonese/Javanese/Sundanese words mapped to standard Indonesian. Validated at load with a
 * DataFileError naming the file, the entry and the field, so the team can extend it safely.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DataFileError } from '../domain/errors';
import { packagePath } from '../runtime/package-root';

export const DEFAULT_LEXICON_PATH = packagePath('faq', 'normalisasi.yaml');

const lowerText = z
  .string()
  .trim()
  .min(1, 'tidak boleh kosong')
  .refine((s) => s === s.toLowerCase(), 'harus huruf kecil');

export const lexiconFileSchema = z
  .object({
    padanan: z
      .array(
        z
          .object({
            baku: lowerText,
            varian: z.array(lowerText).min(1, 'minimal 1 varian'),
          })
          .strict(),
      )
      .min(1),
    huruf_ganda: z.array(lowerText).default([]),
    kosakata: z.array(lowerText).default([]),
    sinonim: z.array(z.array(lowerText).min(2, 'minimal 2 kata per kelompok')).default([]),
  })
  .strict();

export interface Lexicon {
  /** variant (one or more words, space-separated) -> standard form. */
  variants: Map<string, string>;
  /** Legit words with doubled letters (never collapsed). */
  doubleLetterWords: Set<string>;
  /** Extra domain words for typo correction. */
  vocabulary: string[];
  /** Synonym groups for FAQ retrieval's query expansion. */
  synonyms: string[][];
  /** Hash of the file's content (part of the NLU cache key). */
  hash: string;
}

/** Validates parsed YAML; `file` names the source in errors. */
export function parseLexicon(raw: unknown, file: string, text = JSON.stringify(raw)): Lexicon {
  const result = lexiconFileSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.map(String);
    let entry: string | null = null;
    let field = path.join('.');
    if (path[0] === 'padanan' && path[1] !== undefined && /^\d+$/.test(path[1])) {
      const item = (raw as { padanan?: Array<{ baku?: unknown }> }).padanan?.[Number(path[1])];
      entry = typeof item?.baku === 'string' ? item.baku : `#${Number(path[1]) + 1}`;
      field = path.slice(2).join('.');
    }
    throw new DataFileError(file, entry, field || null, issue.message);
  }
  const data = result.data;
  const variants = new Map<string, string>();
  data.padanan.forEach((p) => {
    p.varian.forEach((v, j) => {
      const key = v.split(/\s+/).join(' ');
      const seen = variants.get(key);
      if (seen !== undefined) {
        throw new DataFileError(file, p.baku, `varian.${j}`, `varian '${key}' sudah dipakai untuk '${seen}'`);
      }
      if (key === p.baku) throw new DataFileError(file, p.baku, `varian.${j}`, 'varian sama dengan kata baku');
      variants.set(key, p.baku);
    });
  });
  return {
    variants,
    doubleLetterWords: new Set(data.huruf_ganda),
    vocabulary: data.kosakata,
    synonyms: data.sinonim,
    hash: createHash('sha256').update(text).digest('hex').slice(0, 16),
  };
}

export function loadLexicon(path: string = DEFAULT_LEXICON_PATH, displayName = 'faq/normalisasi.yaml'): Lexicon {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new DataFileError(displayName, null, null, `tidak dapat dibaca (${(err as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new DataFileError(displayName, null, null, `YAML tidak valid: ${(err as Error).message}`);
  }
  return parseLexicon(raw, displayName, text);
}

/**
 * Loads faq/ (agencies, catalog, FAQ entries, intent examples), validates every file and
 * cross-checks ids. Any problem throws a DataFileError naming the file, the entry and the field,
 * so a bad edit stops the start with a message the editor can act on.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { DataFileError } from '../domain/errors';
import { packagePath } from '../runtime/package-root';
import { agenciesFileSchema, catalogFileSchema, faqFileSchema, intentFileSchema } from './schema';
import type { Agency, FaqEntry, IntentExamples, Knowledge, Service } from './types';

/** faq/ of the installed package (FAQ_DIR overrides it; see src/app/conversation-model.ts). */
export const DEFAULT_FAQ_DIR = packagePath('faq');

interface LoadedFile<T> {
  file: string;
  data: T;
}

function readYamlFile(path: string, root: string, hash: ReturnType<typeof createHash>): { file: string; raw: unknown } {
  const file = relative(join(root, '..'), path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new DataFileError(file, null, null, `tidak dapat dibaca (${(err as Error).message})`);
  }
  hash.update(file).update('\0').update(text).update('\0');
  try {
    return { file, raw: parseYaml(text) };
  } catch (err) {
    throw new DataFileError(file, null, null, `YAML tidak valid: ${(err as Error).message}`);
  }
}

/** Names the entry (by its id when it has one) and the field of the first schema problem. */
function validate<S extends z.ZodType>(schema: S, file: string, raw: unknown): z.infer<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String);
  let entry: string | null = null;
  let fieldPath = path;
  const listIndex = path.findIndex((p) => /^\d+$/.test(p));
  if (listIndex >= 0) {
    const list = (raw as Record<string, unknown[]>)?.[path[0]!];
    const item = Array.isArray(list) ? (list[Number(path[listIndex])] as { id?: unknown } | undefined) : undefined;
    entry = typeof item?.id === 'string' ? item.id : `#${Number(path[listIndex]) + 1}`;
    fieldPath = path.slice(listIndex + 1);
  }
  throw new DataFileError(file, entry, fieldPath.join('.') || null, issue.message);
}

function yamlFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => join(dir, name));
}

export function loadKnowledge(faqDir: string = DEFAULT_FAQ_DIR): Knowledge {
  const hash = createHash('sha256');
  const load = <S extends z.ZodType>(path: string, schema: S): LoadedFile<z.infer<S>> => {
    const { file, raw } = readYamlFile(path, faqDir, hash);
    return { file, data: validate(schema, file, raw) };
  };

  const agenciesFile = load(join(faqDir, 'agencies.yaml'), agenciesFileSchema);
  const agencies = new Map<string, Agency>();
  for (const a of agenciesFile.data.agencies) {
    if (agencies.has(a.id)) throw new DataFileError(agenciesFile.file, a.id, 'id', 'id ganda');
    agencies.set(a.id, { id: a.id, name: a.nama, shortName: a.singkatan, aliases: a.alias });
  }

  const catalogFile = load(join(faqDir, 'catalog.yaml'), catalogFileSchema);
  const fallback = catalogFile.data.defaults.target_ketersediaan;
  const services = new Map<string, Service>();
  for (const s of catalogFile.data.services) {
    const where = (field: string, problem: string) => new DataFileError(catalogFile.file, s.id, field, problem);
    if (services.has(s.id)) throw where('id', 'id ganda');
    if (!agencies.has(s.penyedia_layanan)) throw where('penyedia_layanan', `instansi '${s.penyedia_layanan}' tidak ada di agencies.yaml`);
    s.pengelola_layanan.forEach((a, i) => {
      if (!agencies.has(a)) throw where(`pengelola_layanan.${i}`, `instansi '${a}' tidak ada di agencies.yaml`);
    });
    services.set(s.id, {
      id: s.id,
      name: s.nama,
      kind: s.jenis,
      description: s.deskripsi,
      apps: s.aplikasi.map((a) => ({ name: a.nama, url: a.url, aliases: a.alias })),
      provider: s.penyedia_layanan,
      owners: s.pengelola_layanan,
      technicalManager: s.pengelola_teknis,
      access: s.cara_akses,
      availability: s.target_ketersediaan
        ? { value: s.target_ketersediaan.nilai, note: s.target_ketersediaan.keterangan, isDefault: false }
        : { value: fallback.nilai, note: fallback.keterangan, isDefault: true },
      keywords: s.kata_kunci,
      source: s.sumber,
    });
  }

  const faq: FaqEntry[] = [];
  const faqIds = new Map<string, string>();
  for (const path of yamlFilesIn(join(faqDir, 'entries'))) {
    const { file, data } = load(path, faqFileSchema);
    for (const e of data.entries) {
      const seen = faqIds.get(e.id);
      if (seen) throw new DataFileError(file, e.id, 'id', `id ganda (juga di ${seen})`);
      faqIds.set(e.id, file);
      if (e.layanan !== null && !services.has(e.layanan)) {
        throw new DataFileError(file, e.id, 'layanan', `layanan '${e.layanan}' tidak ada di catalog.yaml`);
      }
      faq.push({ id: e.id, service: e.layanan, questions: e.pertanyaan, answer: e.jawaban, source: e.sumber, file });
    }
  }

  const intents: IntentExamples[] = [];
  for (const path of yamlFilesIn(join(faqDir, 'intents'))) {
    const { file, data } = load(path, intentFileSchema);
    if (basename(path).replace(/\.ya?ml$/, '') !== data.jenis) {
      throw new DataFileError(file, null, 'jenis', `nama berkas harus sama dengan jenis ('${data.jenis}.yaml')`);
    }
    intents.push({ type: data.jenis, examples: data.contoh, file });
  }

  return { agencies, services, faq, intents, fingerprint: hash.digest('hex').slice(0, 16) };
}

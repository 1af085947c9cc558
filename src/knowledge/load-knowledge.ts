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
import { agenciesFileSchema, catalogFileSchema, type CueFile, cueFileSchema, faqFileSchema, intentFileSchema, labelledLineSchema, understandingFileSchema } from './schema';
import type { Agency, CueDefinition, CueSlot, FaqEntry, IntentExamples, Knowledge, LabelledMessage, Service, UnderstandingWords } from './types';
import type { MessageType } from '../domain/ids';
import { compareGrades, DETAIL_PLACEHOLDERS, HELPDESK_PLACEHOLDERS, parseGrade, placeholdersIn, SERVICE_PLACEHOLDERS } from './answer-placeholders';

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

/** Names the entry (by its id or name when it has one) and the field of the first schema problem. */
function validate<S extends z.ZodType>(schema: S, file: string, raw: unknown): z.infer<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String);
  let entry: string | null = null;
  let fieldPath = path;
  const list = (raw as Record<string, unknown> | null)?.[path[0] ?? ''];
  // A list of entries names the entry; a list of words keeps the whole path (kata_sapaan.3).
  const isEntryList = Array.isArray(list) && list.some((item) => typeof item === 'object' && item !== null);
  if (isEntryList && path[1] !== undefined && /^\d+$/.test(path[1])) {
    const item = list[Number(path[1])] as { id?: unknown; nama?: unknown } | undefined;
    entry = typeof item?.id === 'string' ? item.id : typeof item?.nama === 'string' ? item.nama : `#${Number(path[1]) + 1}`;
    fieldPath = path.slice(2);
  }
  throw new DataFileError(file, entry, fieldPath.join('.') || null, issue.message);
}

function yamlFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => join(dir, name));
}

/** Labelled messages of faq/contoh-berlabel/*.jsonl (none when the folder is absent). */
function loadLabelled(dir: string, root: string, services: ReadonlyMap<string, Service>, hash: ReturnType<typeof createHash>): LabelledMessage[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.jsonl')).sort();
  } catch {
    return [];
  }
  const out: LabelledMessage[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const path = join(dir, name);
    const file = relative(join(root, '..'), path);
    const text = readFileSync(path, 'utf8');
    hash.update(file).update('\0').update(text).update('\0');
    text.split('\n').forEach((raw, i) => {
      if (!raw.trim()) return;
      const where = `baris ${i + 1}`;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch (err) {
        throw new DataFileError(file, where, null, `JSON tidak valid: ${(err as Error).message}`);
      }
      const result = labelledLineSchema.safeParse(parsed);
      if (!result.success) {
        const issue = result.error.issues[0]!;
        throw new DataFileError(file, where, issue.path.map(String).join('.') || null, issue.message);
      }
      const line = result.data;
      if (line.layanan !== null && !services.has(line.layanan)) {
        throw new DataFileError(file, where, 'layanan', `layanan '${line.layanan}' tidak ada di catalog.yaml`);
      }
      const key = line.teks.toLowerCase().replace(/\s+/g, ' ');
      const first = seen.get(key);
      if (first) throw new DataFileError(file, where, 'teks', `pesan yang sama sudah ada (${first})`);
      seen.set(key, `${file} ${where}`);
      out.push({
        text: line.teks,
        ...(line.kanal ? { channel: line.kanal } : {}),
        type: line.jenis,
        service: line.layanan,
        ...(line.harus ? { must: line.harus } : {}),
        ...(line.jangan ? { mustNot: line.jangan } : {}),
        file,
        line: i + 1,
      });
    });
  }
  return out;
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
  const coordinatorAgency = agenciesFile.data.koordinator;
  if (!agencies.has(coordinatorAgency)) {
    throw new DataFileError(agenciesFile.file, null, 'koordinator', `instansi '${coordinatorAgency}' tidak ada di daftar agencies`);
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
      const forEveryService = e.layanan === '*';
      if (e.layanan !== null && !forEveryService && !services.has(e.layanan)) {
        throw new DataFileError(file, e.id, 'layanan', `layanan '${e.layanan}' tidak ada di catalog.yaml`);
      }
      const allowed = new Set<string>([...HELPDESK_PLACEHOLDERS, ...(forEveryService ? SERVICE_PLACEHOLDERS : [])]);
      const checkPlaceholders = (text: string, field: string, extra: readonly string[] = []) => {
        for (const name of placeholdersIn(text)) {
          if (!allowed.has(name) && !extra.includes(name)) {
            throw new DataFileError(file, e.id, field, `penanda '{${name}}' tidak dikenal (boleh: ${[...allowed, ...extra].map((n) => `{${n}}`).join(', ')})`);
          }
        }
      };
      checkPlaceholders(e.jawaban, 'jawaban');
      const details = (e.rincian ?? []).map((r, i) => {
        checkPlaceholders(r.jawaban, `rincian.${i}.jawaban`, DETAIL_PLACEHOLDERS);
        const from = parseGrade(r.golongan.dari)!;
        const to = parseGrade(r.golongan.sampai)!;
        if (compareGrades(from, to) > 0) throw new DataFileError(file, e.id, `rincian.${i}.golongan`, "'dari' harus tidak lebih tinggi dari 'sampai'");
        return { from, to, answer: r.jawaban };
      });
      const title = e.judul ?? (e.pertanyaan[0]!.length <= 80 ? e.pertanyaan[0]! : `${e.pertanyaan[0]!.slice(0, 79).trimEnd()}…`);
      faq.push({
        id: e.id,
        service: forEveryService ? null : e.layanan,
        forEveryService,
        title,
        questions: e.pertanyaan,
        answer: e.jawaban,
        details,
        source: e.sumber,
        file,
      });
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

  const labelled = loadLabelled(join(faqDir, 'contoh-berlabel'), faqDir, services, hash);

  const cues: CueDefinition[] = [];
  const cueWeights: Partial<Record<MessageType, number>> = {};
  for (const path of yamlFilesIn(join(faqDir, 'isyarat'))) {
    const { file, data } = load(path, cueFileSchema);
    if (basename(path).replace(/\.ya?ml$/, '') !== data.jenis) {
      throw new DataFileError(file, null, 'jenis', `nama berkas harus sama dengan jenis ('${data.jenis}.yaml')`);
    }
    cueWeights[data.jenis] = data.bobot;
    cues.push(...cueDefinitions(file, data));
  }

  const wordsFile = load(join(faqDir, 'pemahaman.yaml'), understandingFileSchema);
  const w = wordsFile.data;
  if (w.layanan_pengaduan !== null && !services.has(w.layanan_pengaduan)) {
    throw new DataFileError(wordsFile.file, null, 'layanan_pengaduan', `layanan '${w.layanan_pengaduan}' tidak ada di catalog.yaml`);
  }
  const words: UnderstandingWords = {
    complaintService: w.layanan_pengaduan,
    siteAddressWords: w.kata_alamat_situs,
    genericAddressWords: w.kata_alamat_umum,
    genericNameWords: w.kata_nama_umum,
    placeWords: w.kata_wilayah,
    greetingWords: w.kata_sapaan,
    fillerWords: w.kata_pengisi,
    intentWords: w.kata_bermakna,
    questionWords: w.kata_tanya,
    reportWords: w.kata_melapor,
    actOfReportingWords: w.kata_tindak_melapor,
    bareReportWords: w.kata_pengantar_laporan,
    reportKindWords: w.kata_jenis_laporan,
    askWords: w.kata_bertanya,
    bareQuestionWords: w.kata_pengantar_pertanyaan,
    openQuestionEntry: w.jawaban_tanya_umum,
    topicShiftPhrases: w.penanda_topik_baru.map((p) => p.split(' ')),
    thanksWords: w.kata_terima_kasih,
  };
  const openEntry = faq.find((e) => e.id === w.jawaban_tanya_umum);
  if (!openEntry || openEntry.service !== null || openEntry.forEveryService) {
    throw new DataFileError(wordsFile.file, null, 'jawaban_tanya_umum', `'${w.jawaban_tanya_umum}' harus id entri FAQ di faq/entries dengan layanan: null`);
  }

  return { agencies, services, faq, intents, labelled, cues, cueWeights, words, coordinatorAgency, fingerprint: hash.digest('hex').slice(0, 16) };
}

/** Cue definitions of one faq/isyarat file, with "@name" lists resolved and names checked. */
function cueDefinitions(file: string, data: CueFile): CueDefinition[] {
  const seen = new Set<string>();
  return data.isyarat.map((c) => {
    const where = (field: string, problem: string) => new DataFileError(file, c.nama, field, problem);
    if (seen.has(c.nama)) throw where('nama', 'nama isyarat ganda');
    seen.add(c.nama);
    const resolve = (words: string | string[], field: string): string[] => {
      if (Array.isArray(words)) return words;
      const list = data.daftar[words.slice(1)];
      if (!list) throw where(field, `daftar '${words}' tidak ada di 'daftar'`);
      return list;
    };
    const forms = [c.frasa, c.urutan, c.semua].filter((f) => f !== undefined).length;
    if (forms !== 1) throw where('frasa', "isi tepat satu dari 'frasa', 'urutan' atau 'semua'");
    let pattern: CueDefinition['pattern'];
    if (c.semua) {
      pattern = { kind: 'all', groups: c.semua.map((g, i) => resolve(g, `semua.${i}`)) };
    } else if (c.frasa) {
      pattern = { kind: 'sequence', slots: [{ kind: 'words', words: resolve(c.frasa, 'frasa'), optional: false }] };
    } else {
      const slots: CueSlot[] = c.urutan!.map((slot, i) => {
        if (typeof slot === 'string' || Array.isArray(slot)) return { kind: 'words', words: resolve(slot, `urutan.${i}`), optional: false };
        if ('celah' in slot) return { kind: 'gap', max: slot.celah };
        return { kind: 'words', words: resolve(slot.boleh, `urutan.${i}.boleh`), optional: true };
      });
      if (!slots.some((s) => s.kind === 'words' && !s.optional)) throw where('urutan', 'minimal satu bagian wajib (bukan boleh/celah)');
      pattern = { kind: 'sequence', slots };
    }
    return { type: data.jenis, name: c.nama, pattern, examples: c.contoh, counterExamples: c.bukan, file };
  });
}

/**
 * Shapes of the files the team edits under faq/. Keys are Indonesian because Diskominfo staff
 * edit these files; the loader turns them into the English-named types below.
 */
import { z } from 'zod';
import { CHANNELS, MESSAGE_TYPES, REPORT_TYPES, SERVICE_KINDS } from '../domain/ids';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'huruf kecil, angka dan tanda hubung saja');
const text = z.string().trim().min(1, 'tidak boleh kosong');

export const agenciesFileSchema = z.object({
  /** The agency that coordinates the helpdesk and receives what belongs to no single agency. */
  koordinator: id,
  agencies: z
    .array(
      z.object({
        id,
        nama: text,
        singkatan: text,
        alias: z.array(text).default([]),
      }).strict(),
    )
    .min(1),
}).strict();

export const appSchema = z.object({
  nama: text,
  url: z.string().trim().nullable().default(null),
  /** Other ways people write the app's name (typos, spacing, local names). */
  alias: z.array(text).default([]),
}).strict();

export const availabilitySchema = z.object({
  nilai: text,
  keterangan: text,
}).strict();

export const catalogFileSchema = z.object({
  defaults: z.object({ target_ketersediaan: availabilitySchema }).strict(),
  services: z
    .array(
      z.object({
        id,
        nama: text,
        jenis: z.enum(SERVICE_KINDS),
        deskripsi: text,
        aplikasi: z.array(appSchema).default([]),
        /** Unit Penyedia Layanan: the agency whose head is responsible (BAB IV). */
        penyedia_layanan: id,
        /** Owners in the guideline's order: the first is the primary one tickets are routed to. */
        pengelola_layanan: z.array(id).min(1),
        pengelola_teknis: text,
        cara_akses: text,
        /** null: the configurable default of `defaults.target_ketersediaan` applies. */
        target_ketersediaan: availabilitySchema.nullable().default(null),
        /** Domain words that point at this service (evidence for the service detector). */
        kata_kunci: z.array(text).default([]),
        sumber: text,
      }).strict(),
    )
    .min(1),
}).strict();

/** A civil-service grade as written in the guideline: I/a ... IV/e. */
export const gradeText = z.string().trim().regex(/^(I|II|III|IV)\/[a-e]$/, 'golongan ruang seperti III/b');

export const faqFileSchema = z.object({
  entries: z
    .array(
      z.object({
        id,
        /**
         * A service id; null for the helpdesk's own ground (SPBE, roles, the helpdesk itself);
         * "*" for an answer that holds for every service, written with the service placeholders.
         */
        layanan: z.union([id, z.literal('*')]).nullable(),
        /** Short title shown when the bot asks which question was meant (default: the first question). */
        judul: text.max(80, 'paling banyak 80 karakter').optional(),
        pertanyaan: z.array(text).min(3, 'minimal 3 variasi pertanyaan'),
        jawaban: text,
        /**
         * Direct answers by grade: when the question names a grade in a range, that answer comes
         * first and the general rule after it.
         */
        rincian: z
          .array(
            z.object({
              golongan: z.object({ dari: gradeText, sampai: gradeText }).strict(),
              jawaban: text,
            }).strict(),
          )
          .optional(),
        sumber: text,
      }).strict(),
    )
    .min(1),
}).strict();

/** Training utterances for one message type; `{app}` expands to every application name. */
export const intentFileSchema = z.object({
  jenis: z.enum(MESSAGE_TYPES),
  contoh: z.array(text).min(5, 'minimal 5 contoh'),
}).strict();

/**
 * One line of faq/contoh-berlabel/*.jsonl: a real-style message with the type and service a
 * coordinator gave it. `harus`/`jangan` (what a right answer holds / must not hold) are kept for
 * the answer checks; the classifiers train on `teks`, `jenis` and `layanan`.
 */
export const labelledLineSchema = z.object({
  id: text.optional(),
  kanal: z.enum(CHANNELS).optional(),
  teks: text,
  jenis: z.enum(MESSAGE_TYPES),
  layanan: z.string().nullable(),
  harus: z.array(z.array(text).min(1)).optional(),
  jangan: z.array(z.array(text).min(1)).optional(),
}).strict();

export type AgenciesFile = z.infer<typeof agenciesFileSchema>;
export type CatalogFile = z.infer<typeof catalogFileSchema>;
export type FaqFile = z.infer<typeof faqFileSchema>;
export type IntentFile = z.infer<typeof intentFileSchema>;

/**
 * A word or phrase of a cue: lowercase words separated by single spaces, as the normaliser writes
 * them; `<angka>` (any number), `<tahun>` (a four-digit year) and the placeholders the NLU writes
 * (`__app__`, `__agency__`, `__q__` for a question mark, `__tiket__`) may stand for a word.
 */
export const cueWord = z
  .string()
  .trim()
  .min(1, 'tidak boleh kosong')
  .regex(/^(?:[a-z0-9-]+|<angka>|<tahun>|__[a-z]+__)(?: (?:[a-z0-9-]+|<angka>|<tahun>|__[a-z]+__))*$/, 'huruf kecil, angka, tanda hubung, <angka>, <tahun> atau __app__/__agency__/__q__/__tiket__, dipisah satu spasi');
/** A slot: a list of alternatives, or "@name" of a list under `daftar`. */
const cueWords = z.union([z.array(cueWord).min(1, 'minimal 1 kata'), z.string().regex(/^@[a-z0-9-]+$/, 'daftar kata atau "@nama-daftar"')]);
const cueSlot = z.union([
  cueWords,
  z.object({ boleh: cueWords }).strict(),
  z.object({ celah: z.number().int().min(1).max(20) }).strict(),
]);

export const cueFileSchema = z.object({
  jenis: z.enum(MESSAGE_TYPES),
  /** Prior weight (log space) added per distinct cue of this type that fired (at most two count). */
  bobot: z.number().min(0).max(5),
  /** Named word lists that cues refer to as "@name". */
  daftar: z.record(z.string().regex(/^[a-z0-9-]+$/, 'nama daftar: huruf kecil, angka, tanda hubung'), z.array(cueWord).min(1)).default({}),
  isyarat: z
    .array(
      z.object({
        nama: id,
        /** Any of these words or phrases. */
        frasa: cueWords.optional(),
        /** Slots in this order, one word apart; `boleh` slots may be missing, `celah: N` skips up to N words. */
        urutan: z.array(cueSlot).min(1).optional(),
        /** Every group somewhere in the message, in any order. */
        semua: z.array(cueWords).min(2, 'minimal 2 kelompok').optional(),
        /** Messages (as users write them) that must fire this cue; checked by the tests. */
        contoh: z.array(text).min(1, 'minimal 1 contoh'),
        /** Messages that must not fire it. */
        bukan: z.array(text).default([]),
      }).strict(),
    )
    .min(1),
}).strict();

const wordList = z.array(z.string().trim().min(1).regex(/^[a-z0-9-]+$/, 'satu kata huruf kecil')).min(1, 'minimal 1 kata');

/** faq/pemahaman.yaml: the words and ids the understanding needs that differ between deployments. */
export const understandingFileSchema = z.object({
  /** Service of complaints about public services the catalog does not name (null: none). */
  layanan_pengaduan: id.nullable(),
  /** Parts of site addresses that never tell which application is meant (www, go, id, the kabupaten's domain). */
  kata_alamat_situs: wordList,
  /** Everyday words that are also the telling part of an address (lapor.go.id): alone they never name an app. */
  kata_alamat_umum: wordList,
  /** Words of service names that do not tell services apart ("layanan", "sistem", the kabupaten's name). */
  kata_nama_umum: wordList,
  /** The place words of this deployment (the kabupaten's name, "pemerintah", "daerah"): they never tell which answer is meant. */
  kata_wilayah: wordList,
  /** Words that, alone, make a message a greeting, thanks or goodbye. */
  kata_sapaan: wordList,
  /** Filler dropped before classification. */
  kata_pengisi: wordList,
  /** Filler-looking words that carry intent and are always kept. */
  kata_bermakna: wordList,
  /** Question words: they say what kind of answer is wanted, not which one (lower weight in FAQ search). */
  kata_tanya: wordList,
  /** Words of reporting in general, without saying what kind ("lapor", "ngadu"). */
  kata_melapor: wordList,
  /**
   * Words that name the act of reporting, never a service (the complaint service's own name holds
   * "lapor"): they feed the type classifier and the FAQ search, never the service detector.
   */
  kata_tindak_melapor: wordList,
  /** Words that may surround them in a message that says nothing more ("saya mau lapor, min"). */
  kata_pengantar_laporan: wordList,
  /**
   * Words that name the kind of a report: a message of only these and the words around a bare
   * report ("gangguan", "mau lapor gangguan") starts that kind of report.
   */
  kata_jenis_laporan: z.object(Object.fromEntries(REPORT_TYPES.map((t) => [t, wordList.optional()])) as Record<(typeof REPORT_TYPES)[number], z.ZodOptional<typeof wordList>>).strict(),
  /** Words of asking in general, without saying what about ("tanya", "informasi"). */
  kata_bertanya: wordList,
  /** Words that may surround them in a message that asks nothing yet ("saya ingin bertanya tentang layanan"). */
  kata_pengantar_pertanyaan: wordList,
  /** FAQ entry (about no service) that answers such a message, e.g. the list of services. */
  jawaban_tanya_umum: id,
  /** Words of thanking: a thank-you for the information ("makasih infonya") announces no question. */
  kata_terima_kasih: wordList.default(['terima']),
  /**
   * Phrases that turn a message to a new topic ("sekalian tanya", "oh iya", "btw"): what follows
   * is the message's question when it names another service than what comes before.
   */
  penanda_topik_baru: z.array(z.string().trim().regex(/^[a-z0-9-]+( [a-z0-9-]+)*$/, 'frasa huruf kecil, kata dipisah satu spasi')).default([]),
}).strict();

export type CueFile = z.infer<typeof cueFileSchema>;
export type UnderstandingFile = z.infer<typeof understandingFileSchema>;

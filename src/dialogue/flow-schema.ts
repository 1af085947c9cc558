/**
 * Shapes of the dialogue files under flows/. Keys are Indonesian because Diskominfo staff edit
 * them; every text a user reads lives in these files, the engine only decides what comes next.
 * `{name}` in a text is a placeholder; PLACEHOLDERS lists the ones each text may use.
 */
import { z } from 'zod';
import { MESSAGE_TYPES, SERVICE_KINDS } from '../domain/ids';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'huruf kecil, angka dan tanda hubung saja');
const text = z.string().trim().min(1, 'tidak boleh kosong');
const words = z.array(text).min(1, 'minimal satu kata');

/** An option the user can pick by number, label, value or synonym. */
export const optionSchema = z.object({
  label: text,
  nilai: text,
  sinonim: z.array(text).default([]),
}).strict();
/** An option that starts something: a flow id or one of the engine's built-in actions. */
export const actionOptionSchema = optionSchema.extend({ aksi: text }).strict();

const common = {
  id,
  /** How the process is named in messages ("laporan gangguan", "survei kepuasan"). */
  judul: text.optional(),
  /** Minutes after which an abandoned flow of this file expires (overrides the global value). */
  batas_waktu_menit: z.number().int().positive().optional(),
};

export const umumSchema = z.object({
  ...common,
  jenis: z.literal('umum'),
  batas_waktu_menit: z.number().int().positive(),
  /** Below this NLU confidence the bot says it is not sure instead of guessing. */
  ambang_keyakinan: z.number().min(0).max(1),
  /** From this NLU confidence a request for an officer is honoured even in the middle of a flow. */
  ambang_keluar_alur: z.number().min(0).max(1),
  perintah: z.object({ batal: words, menu: words, bantuan: words }).strict(),
  jawaban: z.object({ ya: words, tidak: words, lewati: words, kirim: words, ubah: words }).strict(),
  /** Words that may accompany an answer without changing it ("iya kirim aja"). */
  kata_pengisi: words,
  /** Words that carry no description (ignored when judging whether the first message describes the problem). */
  kata_pengantar: words,
  pesan: z.object({
    dibatalkan: text,
    tidak_ada_proses: text,
    kedaluwarsa: text,
    kedaluwarsa_otomatis: text,
    belum_yakin: text,
    belum_yakin_jenis: text,
    /** After the answer to a message that may also be a report: what else the user may want. */
    jawaban_lalu_pilihan: text,
    /** "lapor" alone: which kind of report. */
    pilih_jenis_laporan: text,
    belum_yakin_layanan: text,
    pilihan_tidak_dikenal: text,
    tombol_kedaluwarsa: text,
    tombol_kedaluwarsa_menu: text,
    alur_ditinggalkan: text,
    berkas_gagal: text,
    berkas_diterima: text,
    bantuan: text,
    bantuan_telegram: text,
  }).strict(),
  /** What a file sent outside a report is for. */
  pilihan_berkas: z.array(actionOptionSchema).min(1),
  pilihan_belum_yakin: z.array(actionOptionSchema).min(1),
  label_jenis: z.object(Object.fromEntries(MESSAGE_TYPES.map((t) => [t, text])) as Record<(typeof MESSAGE_TYPES)[number], typeof text>).strict(),
}).strict();

export const salamSchema = z.object({
  ...common,
  jenis: z.literal('salam'),
  pesan: z.object({
    sapaan_pertama: text,
    sapaan: text,
    menu: text,
    terima_kasih: text,
    pamit: text,
    di_luar_layanan: text,
    tanya_informasi: text,
    daftar_layanan_judul: text,
    daftar_layanan_penutup: text,
  }).strict(),
  salam_waktu: z.object({ pagi: text, siang: text, sore: text, malam: text }).strict(),
  kata_terima_kasih: words,
  kata_pamit: words,
  judul_jenis_layanan: z.object(Object.fromEntries(SERVICE_KINDS.map((k) => [k, text])) as Record<(typeof SERVICE_KINDS)[number], typeof text>).strict(),
  pilihan_menu: z.array(actionOptionSchema).min(1),
}).strict();

export const informasiSchema = z.object({
  ...common,
  jenis: z.literal('informasi'),
  /** An FAQ match below this score is neither given nor offered. */
  skor_faq_minimal: z.number().min(0).max(1),
  /**
   * An FAQ match is given as the answer only from skor_faq_yakin with this lead over the next one,
   * or from skor_faq_pasti; below, it is shown as the closest answer with the other candidates.
   */
  skor_faq_yakin: z.number().min(0).max(1),
  selisih_faq_yakin: z.number().min(0).max(1),
  skor_faq_pasti: z.number().min(0).max(1),
  pesan: z.object({
    tanya_membantu: text,
    jawaban_katalog: text,
    tanpa_jawaban: text,
    membantu: text,
    tidak_membantu: text,
    tanya_layanan: text,
    jawaban_terdekat: text,
    pilih_lainnya: text,
    belum_pasti_layanan: text,
    tawaran_belum_pasti: text,
  }).strict(),
  /**
   * Question words ("ke mana", "siapa"): a report that asks one ("pelayanan kecamatan lambat,
   * ngadu ke mana?") gets the sure FAQ answer to it before the report goes on.
   */
  kata_tanya_langsung: words.default([]),
  /** After an answer: words that start a request or report about the same service. */
  lanjut_ke: z.array(z.object({ aksi: text, kata: words }).strict()).default([]),
  pilihan_membantu: z.object({ ya: optionSchema, tidak: optionSchema }).strict(),
  pilihan_tidak_membantu: z.array(actionOptionSchema).min(1),
}).strict();

const stepBase = { id, label: text, tanya: text, ulang: text };
export const stepSchema = z.discriminatedUnion('jenis', [
  z.object({
    ...stepBase,
    jenis: z.literal('layanan'),
    tanya_pilihan: text,
    pilihan_singkat: z.array(id).min(1),
    /** Optional way out when the user does not know the service: routed to instansi_bawaan. */
    label_lainnya: text.optional(),
  }).strict(),
  z.object({
    ...stepBase,
    jenis: z.literal('deskripsi'),
    min_panjang: z.number().int().min(1),
    min_kata: z.number().int().min(1).default(2),
  }).strict(),
  z.object({ ...stepBase, jenis: z.literal('kontak'), tanya_whatsapp: text, label_pakai_nomor: text }).strict(),
  z.object({
    ...stepBase,
    jenis: z.literal('nip'),
    /** Asked only for services of these kinds. */
    jika_jenis_layanan: z.array(z.enum(SERVICE_KINDS)).min(1),
    label_bukan_asn: text,
  }).strict(),
  z.object({ ...stepBase, jenis: z.literal('lampiran'), label_lewati: text }).strict(),
  z.object({
    ...stepBase,
    jenis: z.literal('konfirmasi'),
    tanya_ubah: text,
    dapat_diubah: z.array(id).min(1),
    pilihan: z.object({ kirim: text, ubah: text, batal: text }).strict(),
  }).strict(),
]);

export const laporanSchema = z.object({
  ...common,
  jenis: z.literal('laporan'),
  kategori: z.enum(['gangguan', 'keluhan', 'permintaan', 'perubahan', 'informasi']),
  judul: text,
  /** Agency a ticket goes to when no service is known (the koordinator layanan's unit). */
  instansi_bawaan: id,
  /** The message that started the flow counts as the description when it has this many content words. */
  deskripsi_dari_pesan_awal: z.object({ kata_minimal: z.number().int().min(1) }).strict(),
  pesan: z.object({
    pembuka: text,
    pembuka_tanpa_layanan: text,
    layanan_dipilih: text,
    berkas_diterima: text,
    selesai: text,
  }).strict(),
  label_ringkasan: z.object({
    layanan: text,
    instansi: text,
    deskripsi: text,
    kontak: text,
    nip: text,
    lampiran: text,
    tidak_ada: text,
  }).strict(),
  langkah: z.array(stepSchema).min(1),
}).strict();

export const lacakSchema = z.object({
  ...common,
  jenis: z.literal('lacak'),
  maks_daftar: z.number().int().min(1).max(10),
  maks_riwayat: z.number().int().min(1).max(20),
  /** Wrong contact proofs allowed per window, per conversation and per ticket number. */
  batas_percobaan: z.object({
    jendela_menit: z.number().int().min(1),
    per_percakapan: z.number().int().min(1),
    per_tiket: z.number().int().min(1),
  }).strict(),
  pesan: z.object({
    tanya_nomor: text,
    daftar_tiket: text,
    baris_tiket: text,
    format_salah: text,
    detail: text,
    baris_riwayat: text,
    minta_bukti: text,
    bukti_format: text,
    bukti_salah: text,
    terlalu_banyak: text,
    catatan_terakhir: text,
  }).strict(),
}).strict();

export const agenSchema = z.object({
  ...common,
  jenis: z.literal('agen'),
  /** A waiting user who writes again hears the queue position at most once per this many minutes. */
  selang_kabar_antrean_menit: z.number().int().min(0),
  /** An explicit request for a human, honoured in any flow (matched word by word after normalising). */
  pemicu: z.object({
    frasa: words,
    kata_kerja: words,
    sasaran: words,
    akhiran: z.array(text).default([]),
    jarak_kata: z.number().int().min(1).max(8),
    penyangkal: z.array(text).default([]),
  }).strict(),
  pesan: z.object({
    jam_kerja: text,
    luar_jam_kerja: text,
    masih_antre: text,
    masih_antre_tutup: text,
    keluar_antrean: text,
    sudah_di_antrean: text,
  }).strict(),
}).strict();

export const tanggapanSchema = z.object({
  ...common,
  jenis: z.literal('tanggapan'),
  /** Words that mark a new request (not an answer) in a message about another service. */
  penanda_hal_lain: words,
  pesan: z.object({ ditambahkan: text, diteruskan: text, tanya_yang_mana: text, tulis_tanggapan: text }).strict(),
  pilihan: z.object({ tanggapan: optionSchema, lain: optionSchema }).strict(),
}).strict();

export const surveiSchema = z.object({
  ...common,
  jenis: z.literal('survei'),
  pesan: z.object({ tanya_nilai: text, nilai_salah: text, tanya_komentar: text, terima_kasih: text }).strict(),
  /** Labels of the ratings 1..5, in order. */
  label_nilai: z.array(text).length(5, 'harus tepat 5 label (nilai 1 sampai 5)'),
  label_lewati: text,
}).strict();

export const flowFileSchema = z.discriminatedUnion('jenis', [
  umumSchema,
  salamSchema,
  informasiSchema,
  laporanSchema,
  lacakSchema,
  agenSchema,
  surveiSchema,
  tanggapanSchema,
]);

export type OptionDef = z.infer<typeof optionSchema>;
export type ActionOptionDef = z.infer<typeof actionOptionSchema>;
export type UmumFlow = z.infer<typeof umumSchema>;
export type SalamFlow = z.infer<typeof salamSchema>;
export type InformasiFlow = z.infer<typeof informasiSchema>;
export type LaporanFlow = z.infer<typeof laporanSchema>;
export type StepDef = z.infer<typeof stepSchema>;
export type LacakFlow = z.infer<typeof lacakSchema>;
export type AgenFlow = z.infer<typeof agenSchema>;
export type SurveiFlow = z.infer<typeof surveiSchema>;
export type TanggapanFlow = z.infer<typeof tanggapanSchema>;
export type FlowFile = z.infer<typeof flowFileSchema>;

/**
 * Placeholders each text may use, by `<jenis>:<path>` (steps: `laporan:langkah.<step jenis>.<field>`).
 * A text not listed here may use none.
 */
export const PLACEHOLDERS: Readonly<Record<string, readonly string[]>> = {
  'umum:pesan.dibatalkan': ['proses'],
  'umum:pesan.kedaluwarsa': ['proses'],
  'umum:pesan.kedaluwarsa_otomatis': ['proses'],
  'salam:pesan.sapaan_pertama': ['salam_waktu'],
  'salam:pesan.sapaan': ['salam_waktu'],
  'informasi:pesan.jawaban_katalog': ['layanan', 'deskripsi', 'aplikasi', 'instansi', 'cara_akses', 'ketersediaan'],
  'informasi:pesan.belum_pasti_layanan': ['nama', 'pengelola_singkat', 'alamat'],
  'laporan:pesan.pembuka': ['layanan', 'instansi', 'instansi_singkat'],
  'laporan:pesan.layanan_dipilih': ['layanan', 'instansi', 'instansi_singkat'],
  'laporan:pesan.berkas_diterima': ['jumlah'],
  'laporan:pesan.selesai': ['nomor', 'layanan', 'instansi', 'instansi_pendamping', 'target_respons', 'batas_respons', 'batas_penyelesaian'],
  'laporan:langkah.deskripsi.tanya': ['layanan'],
  'laporan:langkah.deskripsi.ulang': ['layanan', 'min_panjang'],
  'laporan:langkah.kontak.tanya_whatsapp': ['nomor'],
  'laporan:langkah.konfirmasi.tanya': ['ringkasan'],
  'lacak:pesan.daftar_tiket': ['daftar'],
  'lacak:pesan.baris_tiket': ['nomor', 'status', 'ringkasan', 'dibuat'],
  'lacak:pesan.detail': ['nomor', 'status', 'kategori', 'layanan', 'instansi', 'dibuat', 'batas_penyelesaian', 'riwayat'],
  'lacak:pesan.baris_riwayat': ['waktu', 'keterangan'],
  'lacak:pesan.minta_bukti': ['nomor'],
  'lacak:pesan.bukti_format': ['nomor'],
  'lacak:pesan.bukti_salah': ['nomor'],
  'lacak:pesan.terlalu_banyak': ['waktu'],
  'lacak:pesan.catatan_terakhir': ['catatan'],
  'umum:pesan.alur_ditinggalkan': ['proses'],
  'umum:pesan.berkas_gagal': ['jumlah'],
  'umum:pesan.berkas_diterima': ['jumlah'],
  'agen:pesan.jam_kerja': ['posisi'],
  'agen:pesan.luar_jam_kerja': ['jam_buka', 'nomor', 'instansi'],
  'agen:pesan.masih_antre': ['posisi'],
  'agen:pesan.masih_antre_tutup': ['jam_buka'],
  'agen:pesan.sudah_di_antrean': ['posisi'],
  'tanggapan:pesan.ditambahkan': ['nomor', 'instansi'],
  'tanggapan:pesan.diteruskan': ['petugas'],
  'tanggapan:pesan.tanya_yang_mana': ['nomor', 'pertanyaan'],
  'tanggapan:pesan.tulis_tanggapan': ['nomor', 'pertanyaan'],
  'survei:pesan.tanya_nilai': ['nomor'],
  'survei:pesan.tanya_komentar': ['nomor', 'nilai'],
  'survei:pesan.terima_kasih': ['nomor', 'nilai'],
};

/**
 * Shapes of the files the team edits under faq/. Keys are Indonesian because Diskominfo staff
 * edit these files; the loader turns them into the English-named types below.
 */
import { z } from 'zod';
import { MESSAGE_TYPES, SERVICE_KINDS } from '../domain/ids';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'huruf kecil, angka dan tanda hubung saja');
const text = z.string().trim().min(1, 'tidak boleh kosong');

export const agenciesFileSchema = z.object({
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

export const faqFileSchema = z.object({
  entries: z
    .array(
      z.object({
        id,
        /** A service id, or null for the helpdesk's own ground (SPBE, roles, index). */
        layanan: id.nullable(),
        pertanyaan: z.array(text).min(3, 'minimal 3 variasi pertanyaan'),
        jawaban: text,
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

export type AgenciesFile = z.infer<typeof agenciesFileSchema>;
export type CatalogFile = z.infer<typeof catalogFileSchema>;
export type FaqFile = z.infer<typeof faqFileSchema>;
export type IntentFile = z.infer<typeof intentFileSchema>;

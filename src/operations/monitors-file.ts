/**
 * flows/pemantauan.yaml (or MONITORS_FILE): the availability monitors (interfaces.md section 7),
 * the report-cluster rule and the texts citizens read about incidents. Validated at start; any
 * problem is a DataFileError naming the file, the entry (the monitor's service) and the field.
 */
import { basename, join } from 'node:path';
import { z } from 'zod';
import { DataFileError } from '../domain/errors';
import type { Knowledge } from '../knowledge/types';
import { DEFAULT_FLOWS_DIR, readYaml, validateData } from '../tickets/data-files';
import type { IncidentMessages, MonitorsConfig } from './types';

export const MONITORS_FILE_NAME = 'pemantauan.yaml';

const text = z.string().trim().min(1, 'tidak boleh kosong');
const count = z.number().int('harus bilangan bulat').min(1, 'minimal 1');

const monitorSchema = z
  .object({
    service: z.string().regex(/^[a-z0-9-]+$/, 'id layanan: huruf kecil, angka dan tanda minus'),
    url: z
      .string()
      .trim()
      .url('harus alamat lengkap, mis. https://simpeg.cirebonkab.go.id/')
      .refine((u) => /^https?:\/\//i.test(u), 'hanya http:// atau https://'),
    interval_s: count.max(86_400, 'paling lama 86400 detik (sehari)'),
    timeout_s: count.max(120, 'paling lama 120 detik'),
    failures_to_open: count.max(100),
    successes_to_close: count.max(100),
    expected_text: text.max(200).optional(),
  })
  .strict();

const fileSchema = z
  .object({
    report_cluster: z.object({ reports: count.max(1000), minutes: count.max(24 * 60) }).strict(),
    tls_warning_days: count.max(365),
    check_retention_days: count.max(3650),
    tickets_on_recovery: z.enum(['resolve', 'keep']),
    messages: z
      .object({
        known: text,
        latest_update: text,
        linked: text,
        resolved: text,
        ticket_resolved: text,
        ticket_kept: text,
      })
      .strict(),
    monitors: z.array(monitorSchema),
  })
  .strict();

/** Placeholders each message may use. */
const PLACEHOLDERS: Record<keyof z.infer<typeof fileSchema>['messages'], string[]> = {
  known: ['layanan', 'judul', 'sejak', 'instansi', 'pembaruan'],
  latest_update: ['waktu', 'pesan'],
  linked: ['nomor'],
  resolved: ['layanan', 'waktu', 'pesan', 'tiket'],
  ticket_resolved: ['nomor'],
  ticket_kept: ['nomor'],
};

export function monitorsFilePath(config: { MONITORS_FILE?: string; FLOWS_DIR?: string }): string {
  return config.MONITORS_FILE ?? join(config.FLOWS_DIR ?? DEFAULT_FLOWS_DIR, MONITORS_FILE_NAME);
}

export function loadMonitorsFile(path: string, knowledge?: Pick<Knowledge, 'services'>): MonitorsConfig {
  const file = `flows/${basename(path)}`;
  const data = validateData(fileSchema, file, readYaml(path));
  const seen = new Set<string>();
  data.monitors.forEach((m) => {
    const entry = `monitors[${m.service}]`;
    if (seen.has(m.service)) throw new DataFileError(file, entry, 'service', 'layanan ini sudah punya pemantau (satu entri per layanan)');
    seen.add(m.service);
    if (knowledge && !knowledge.services.has(m.service)) throw new DataFileError(file, entry, 'service', `layanan '${m.service}' tidak ada di faq/catalog.yaml`);
    if (m.timeout_s > m.interval_s) throw new DataFileError(file, entry, 'timeout_s', 'tidak boleh lebih lama dari interval_s');
  });
  for (const [key, allowed] of Object.entries(PLACEHOLDERS) as [keyof typeof PLACEHOLDERS, string[]][]) {
    for (const m of data.messages[key].matchAll(/\{([^{}]*)\}/g)) {
      if (!allowed.includes(m[1]!)) {
        throw new DataFileError(file, null, `messages.${key}`, `penanda '{${m[1]}}' tidak dikenal; yang dapat dipakai: ${allowed.map((a) => `{${a}}`).join(', ')}`);
      }
    }
  }
  const messages: IncidentMessages = {
    known: data.messages.known,
    latestUpdate: data.messages.latest_update,
    linked: data.messages.linked,
    resolved: data.messages.resolved,
    ticketResolved: data.messages.ticket_resolved,
    ticketKept: data.messages.ticket_kept,
  };
  return {
    file,
    monitors: data.monitors.map((m) => ({
      service: m.service,
      url: m.url,
      intervalS: m.interval_s,
      timeoutS: m.timeout_s,
      failuresToOpen: m.failures_to_open,
      successesToClose: m.successes_to_close,
      expectedText: m.expected_text ?? null,
    })),
    reportCluster: data.report_cluster,
    tlsWarningDays: data.tls_warning_days,
    checkRetentionDays: data.check_retention_days,
    ticketsOnRecovery: data.tickets_on_recovery,
    messages,
  };
}

/**
 * Words about incidents: titles and first updates of automatic incidents, the agency-group
 * notices (no personal data: id, service and state only) and the citizen's texts filled from
 * flows/pemantauan.yaml `messages`.
 */
import { fill } from '../dialogue/text';
import type { Knowledge, Service } from '../knowledge/types';
import { formatShortDateTime } from './days';
import type { Incident, IncidentEvent, IncidentMessages, IncidentSource } from './types';

/** The name people know the service by: its first app ("SIMPEG"), else the service name. */
export function appName(knowledge: Pick<Knowledge, 'services'>, service: string): string {
  const s: Service | undefined = knowledge.services.get(service);
  return s?.apps[0]?.name ?? s?.name ?? service;
}

export function serviceName(knowledge: Pick<Knowledge, 'services'>, service: string): string {
  return knowledge.services.get(service)?.name ?? service;
}

export const SOURCE_LABELS: Readonly<Record<IncidentSource, string>> = {
  monitor: 'pemantauan otomatis',
  reports: 'laporan warga',
  officer: 'petugas',
};

export function monitorIncidentTitle(app: string): string {
  return `${app} tidak dapat diakses`;
}

export function monitorIncidentUpdate(app: string, since: number): string {
  return `Pemantauan otomatis mendeteksi ${app} tidak dapat diakses sejak ${formatShortDateTime(since)}. Petugas sedang menangani gangguan ini.`;
}

export function reportsIncidentTitle(app: string): string {
  return `Gangguan ${app} dilaporkan banyak pengguna`;
}

export function reportsIncidentUpdate(app: string, reports: number, minutes: number): string {
  return `Kami menerima ${reports} laporan gangguan ${app} dalam ${minutes} menit terakhir dan sedang memeriksanya.`;
}

export function monitorRecoveryMessage(app: string): string {
  return `${app} dapat diakses kembali menurut pemantauan otomatis.`;
}

export function openedGroupNotice(knowledge: Pick<Knowledge, 'services'>, incident: Incident, firstUpdate: string): string {
  return (
    `Insiden **${incident.id}** dibuka (${SOURCE_LABELS[incident.source]}): ${incident.title} — layanan ${serviceName(knowledge, incident.service)}.\n` +
    `${firstUpdate}\nTangani di konsol petugas, tab Insiden. Laporan warga tentang layanan ini ditautkan ke insiden ini.`
  );
}

export function resolvedGroupNotice(knowledge: Pick<Knowledge, 'services'>, incident: Incident, message: string, reporters: number): string {
  const who = reporters > 0 ? ` Pelapor dari ${reporters} tiket yang ditautkan diberi tahu di kanal masing-masing.` : '';
  return `Insiden **${incident.id}** (${serviceName(knowledge, incident.service)}) selesai: ${message.trim().replace(/[.!\s]+$/, '')}.${who} Mohon isi catatan pascainsiden (penyebab, tindakan) di konsol.`;
}

export function tlsGroupNotice(knowledge: Pick<Knowledge, 'services'>, service: string, detail: string): string {
  return `Peringatan sertifikat TLS layanan ${serviceName(knowledge, service)}: ${detail}`;
}

/** The latest public update worth repeating (an update, or the opening message). */
export function latestUpdate(events: IncidentEvent[]): IncidentEvent | null {
  const pub = events.filter((e) => e.public && (e.kind === 'pembaruan' || e.kind === 'dibuka'));
  return pub[pub.length - 1] ?? null;
}

export function knownNotice(
  messages: IncidentMessages,
  vars: { app: string; incident: Incident; since: string; agency: string; latest: IncidentEvent | null; latestAt: string },
): string {
  const update = vars.latest ? fill(messages.latestUpdate, { waktu: vars.latestAt, pesan: vars.latest.message }) : '';
  return fill(messages.known, { layanan: vars.app, judul: vars.incident.title, sejak: vars.since, instansi: vars.agency, pembaruan: update }).trim();
}

export function recoveryNotice(messages: IncidentMessages, vars: { app: string; at: string; message: string; tickets: string[]; resolved: boolean }): string {
  const lines = vars.tickets.map((nomor) => fill(vars.resolved ? messages.ticketResolved : messages.ticketKept, { nomor }));
  const message = vars.message.trim() ? ` ${vars.message.trim()}` : '';
  return fill(messages.resolved, { layanan: vars.app, waktu: vars.at, pesan: message, tiket: lines.join('\n') });
}

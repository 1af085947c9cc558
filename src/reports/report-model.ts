/**
 * The periodic evaluation report as sections of indicators, built once from the figures so the
 * PDF, the XLSX and the CSV say the same thing. Values stay numbers (the spreadsheet keeps them
 * computable); each renderer formats them.
 */
import { CHANNELS, TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from '../domain/ids';
import type { Knowledge } from '../knowledge/types';
import { CATEGORY_LABELS, type SlaConfig, STATUS_LABELS } from '../tickets';
import { NO_SERVICE, type ReportFigures } from './figures';
import { CHANNEL_LABELS, PRIORITY_LABELS, SENDER_LABELS } from './labels';
import { formatDate } from './period';
import type { Signatory } from './targets';

export type Unit = 'jumlah' | 'persen' | 'menit kerja' | 'menit' | 'skala 1-5';

export interface Indicator {
  name: string;
  value: number | null;
  unit: Unit;
  /** Target and how it compares ('min': at least, 'max': at most). */
  target?: { value: number; kind: 'min' | 'max' };
  /** Whether the target is met (null: no data). */
  met?: boolean | null;
  note?: string;
}

export interface ReportSection {
  title: string;
  indicators: Indicator[];
}

export interface ReportModel {
  title: string;
  periodLabel: string;
  periodRange: string;
  /** "November 2026 (1 November 2026 s.d. 30 November 2026)", or the range alone. */
  periodText: string;
  agencyLabel: string;
  /** Short name for page footers ("BKPSDM", "Semua PD"). */
  agencyShort: string;
  serviceLabel: string;
  generatedAt: number;
  sections: ReportSection[];
  /** SLA targets in working hours: category -> priority -> [response, resolution]. */
  sla: { category: string; targets: { priority: string; responseHours: number; resolutionHours: number }[] }[];
  comments: { ticket: string; rating: number; comment: string }[];
  /** Targets not met, as sentences for the notes. */
  findings: string[];
  signatory: Signatory;
}

export const REPORT_TITLE = 'Laporan Evaluasi Berkala Layanan Helpdesk SPBE';

function judged(value: number | null, target: { value: number; kind: 'min' | 'max' }): boolean | null {
  if (value === null) return null;
  return target.kind === 'min' ? value >= target.value : value <= target.value;
}

const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
const counts = (entries: [string, number][]): Indicator[] => entries.map(([name, value]) => ({ name, value, unit: 'jumlah' }));

export function buildReportModel(
  f: ReportFigures,
  context: { knowledge: Pick<Knowledge, 'agencies' | 'services'>; sla: SlaConfig; signatory: Signatory },
): ReportModel {
  const { knowledge } = context;
  const agencyName = (id: string) => {
    const a = knowledge.agencies.get(id);
    return a ? (a.name.includes(`(${a.shortName})`) ? a.name : `${a.name} (${a.shortName})`) : id;
  };
  const serviceName = (id: string) => (id === NO_SERVICE ? 'Tanpa layanan tertentu' : (knowledge.services.get(id)?.name ?? id));
  const t = f.tickets;
  const targets = f.targets;

  const kpi = (name: string, value: number | null, unit: Unit, target?: { value: number; kind: 'min' | 'max' }, note?: string): Indicator => ({
    name,
    value,
    unit,
    ...(target ? { target, met: judged(value, target) } : {}),
    ...(note ? { note } : {}),
  });
  const summary: Indicator[] = [
    kpi('Tiket masuk', t.total, 'jumlah'),
    kpi('Tiket selesai atau ditutup', t.total - t.open, 'jumlah'),
    kpi('Tanggapan pertama tepat waktu', pct(t.firstResponse.metShare), 'persen', { value: targets.responseOnTimeShare * 100, kind: 'min' }, `${t.firstResponse.met} dari ${t.firstResponse.met + t.firstResponse.missed} tiket`),
    kpi('Penyelesaian tepat waktu', pct(t.resolution.metShare), 'persen', { value: targets.resolutionOnTimeShare * 100, kind: 'min' }, `${t.resolution.met} dari ${t.resolution.met + t.resolution.missed} tiket`),
    kpi('Median waktu tanggapan pertama', t.firstResponse.medianMinutes, 'menit kerja', undefined, 'target per kategori: lihat Target SLA'),
    kpi('Median waktu penyelesaian', t.resolution.medianMinutes, 'menit kerja', undefined, 'tanpa waktu menunggu pelapor'),
    kpi('Rata-rata kepuasan pengguna', f.csat.average, 'skala 1-5', { value: targets.csatAverage, kind: 'min' }, `${f.csat.count} penilaian`),
    kpi('Percakapan selesai oleh bot', pct(f.bot.resolvedByBotShare), 'persen', { value: targets.botResolvedShare * 100, kind: 'min' }, `${f.bot.resolvedByBot} dari ${f.bot.conversations} percakapan`),
    kpi('Tiket melewati batas waktu (saat laporan dibuat)', f.backlog.overdue, 'jumlah', { value: targets.maxOverdue, kind: 'max' }, `dari ${f.backlog.open} tiket terbuka`),
  ];
  if (f.incidents && f.incidents.services.length) {
    summary.push(kpi('Ketersediaan layanan terpantau', f.incidents.availability, 'persen', undefined, `${f.incidents.services.length} layanan dipantau; target per layanan: lihat rincian`));
  }

  const byKnown = (m: Record<string, number>, keys: readonly string[], label: (k: string) => string) => counts(keys.map((k) => [label(k), m[k] ?? 0]));
  const byFound = (m: Record<string, number>, label: (k: string) => string) =>
    counts(Object.entries(m).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, v]) => [label(k), v]));

  const duration = (name: string, done: string, d: typeof t.firstResponse): Indicator[] => [
    kpi(`${name}: tiket yang sudah ${done}`, d.count, 'jumlah'),
    kpi(`${name}: median`, d.medianMinutes, 'menit kerja'),
    kpi(`${name}: persentil ke-90`, d.p90Minutes, 'menit kerja'),
    kpi(`${name}: memenuhi target`, d.met, 'jumlah'),
    kpi(`${name}: melewati target`, d.missed, 'jumlah'),
  ];

  const sections: ReportSection[] = [
    { title: 'Ringkasan kinerja', indicators: summary },
    { title: 'Tiket per kategori', indicators: byKnown(t.byCategory, TICKET_CATEGORIES, (k) => CATEGORY_LABELS[k as keyof typeof CATEGORY_LABELS]) },
    { title: 'Tiket per status (saat ini)', indicators: byKnown(t.byStatus, TICKET_STATUSES, (k) => STATUS_LABELS[k as keyof typeof STATUS_LABELS]) },
    { title: 'Tiket per Perangkat Daerah', indicators: byFound(t.byAgency, agencyName) },
    { title: 'Tiket per layanan', indicators: byFound(t.byService, serviceName) },
    { title: 'Tiket per kanal', indicators: byKnown(t.byChannel, CHANNELS, (k) => CHANNEL_LABELS[k as keyof typeof CHANNEL_LABELS]) },
    { title: 'Tiket per prioritas', indicators: byKnown(t.byPriority, TICKET_PRIORITIES, (k) => PRIORITY_LABELS[k as keyof typeof PRIORITY_LABELS]) },
    { title: 'Waktu layanan (jam kerja)', indicators: [...duration('Tanggapan pertama', 'ditanggapi', t.firstResponse), ...duration('Penyelesaian', 'diselesaikan', t.resolution)] },
    {
      title: 'Kepuasan pengguna',
      indicators: [
        kpi('Jumlah penilaian', f.csat.count, 'jumlah'),
        kpi('Rata-rata nilai', f.csat.average, 'skala 1-5'),
        ...(['5', '4', '3', '2', '1'] as const).map((k) => kpi(`Nilai ${k}`, f.csat.distribution[k], 'jumlah')),
      ],
    },
    {
      title: 'Percakapan dan pesan',
      indicators: [
        kpi('Percakapan', f.conversations.total, 'jumlah'),
        ...CHANNELS.map((c) => kpi(`Percakapan lewat ${CHANNEL_LABELS[c]}`, f.conversations.byChannel[c] ?? 0, 'jumlah')),
        kpi('Pesan', f.messages.total, 'jumlah'),
        ...CHANNELS.map((c) => kpi(`Pesan lewat ${CHANNEL_LABELS[c]}`, f.messages.byChannel[c] ?? 0, 'jumlah')),
        ...(['user', 'bot', 'agent'] as const).map((s) => kpi(`Pesan dari ${SENDER_LABELS[s].toLowerCase()}`, f.messages.bySender[s], 'jumlah')),
      ],
    },
    {
      title: 'Kinerja bot',
      indicators: [
        kpi('Percakapan dengan pesan pengguna', f.bot.conversations, 'jumlah'),
        kpi('Selesai oleh bot (tanpa petugas dan tiket)', f.bot.resolvedByBot, 'jumlah'),
        kpi('Dilayani petugas', f.bot.withOfficer, 'jumlah'),
        kpi('Menjadi tiket', f.bot.withTicket, 'jumlah'),
        kpi('Dialihkan ke petugas', f.bot.handoffs, 'jumlah'),
        kpi('Pertanyaan tidak terjawab', f.bot.unanswered, 'jumlah'),
        kpi('Pertanyaan dengan keyakinan rendah', f.bot.lowConfidence, 'jumlah'),
        kpi('Jawaban dinilai tidak membantu', f.bot.notHelpful, 'jumlah'),
      ],
    },
    {
      title: 'Tiket terbuka saat laporan dibuat',
      indicators: [kpi('Tiket terbuka (semua tanggal)', f.backlog.open, 'jumlah'), kpi('Di antaranya melewati batas waktu', f.backlog.overdue, 'jumlah')],
    },
  ];
  if (f.incidents) {
    const i = f.incidents;
    sections.push({
      title: 'Insiden dan ketersediaan layanan',
      indicators: [
        kpi('Insiden dibuka', i.opened, 'jumlah'),
        kpi('Insiden dari pemantauan otomatis', i.bySource.monitor, 'jumlah'),
        kpi('Insiden dari laporan pengguna', i.bySource.reports, 'jumlah'),
        kpi('Insiden dibuka petugas', i.bySource.officer, 'jumlah'),
        kpi('Insiden selesai dipulihkan', i.resolved, 'jumlah'),
        kpi('Insiden masih terbuka', i.stillOpen, 'jumlah'),
        kpi('Median waktu pemulihan', i.medianMinutesToRecover, 'menit'),
        ...i.services.map((s) =>
          kpi(`Ketersediaan ${serviceName(s.service)}`, s.availability, 'persen', s.target === null ? undefined : { value: s.target, kind: 'min' }, `${s.ups} dari ${s.checks} pemeriksaan`),
        ),
      ],
    });
  }

  const findings = summary
    .filter((i) => i.met === false)
    .map((i) => `${i.name} belum mencapai target (${i.target!.kind === 'min' ? 'minimal' : 'maksimal'} ${i.target!.value}${i.unit === 'persen' ? '%' : ''}).`);

  const periodRange = f.period.from === f.period.to ? formatDate(f.period.from) : `${formatDate(f.period.from)} s.d. ${formatDate(f.period.to)}`;
  return {
    title: REPORT_TITLE,
    periodLabel: f.period.label,
    periodRange,
    periodText: periodRange === f.period.label ? periodRange : `${f.period.label} (${periodRange})`,
    agencyLabel: f.scope.agency ? agencyName(f.scope.agency) : 'Semua Perangkat Daerah',
    agencyShort: f.scope.agency ? (knowledge.agencies.get(f.scope.agency)?.shortName ?? f.scope.agency) : 'Semua Perangkat Daerah',
    serviceLabel: f.scope.service ? serviceName(f.scope.service) : 'Semua layanan',
    generatedAt: f.generatedAt,
    sections,
    sla: TICKET_CATEGORIES.map((c) => ({
      category: CATEGORY_LABELS[c],
      targets: TICKET_PRIORITIES.map((p) => ({
        priority: PRIORITY_LABELS[p],
        responseHours: context.sla.targets[c][p].responseMinutes / 60,
        resolutionHours: context.sla.targets[c][p].resolutionMinutes / 60,
      })),
    })),
    comments: f.csat.comments.map((c) => ({ ticket: c.ticket, rating: c.rating, comment: c.comment })),
    findings,
    signatory: context.signatory,
  };
}

/**
 * The monthly digest posted to each agency's Telegram notification group: the month's figures
 * only, no personal data (no names, contacts, ticket texts or comments). Each (month, agency) is
 * claimed in the store before sending, so several processes or a repeated timer send it once.
 */
import type { AgencyId } from '../domain/ids';
import type { Logger } from '../runtime/logger';
import { CATEGORY_LABELS } from '../tickets';
import type { ReportFigures } from './figures';
import { formatCount, formatDecimal, formatShare, formatWorkingMinutes } from './labels';
import { monthPeriod } from './period';
import type { ReportsStore } from './port';
import type { ReportDesk } from './report-desk';

export interface DigestDeps {
  desk: ReportDesk;
  store: Pick<ReportsStore, 'claimDigest'>;
  /** Agencies that have at least one registered Telegram group. */
  agenciesWithGroups(): Promise<AgencyId[]>;
  agencyName(agency: AgencyId): string;
  send(agency: AgencyId, text: string): Promise<void>;
  now: () => number;
  logger: Logger;
}

export function digestText(f: ReportFigures, agencyName: string): string {
  const t = f.tickets;
  const categories = Object.entries(t.byCategory)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${CATEGORY_LABELS[c as keyof typeof CATEGORY_LABELS] ?? c} ${formatCount(n)}`)
    .join(', ');
  const lines = [
    `**Ringkasan Helpdesk SPBE ${f.period.label}**`,
    `Perangkat Daerah: ${agencyName}`,
    `Tiket masuk: ${formatCount(t.total)}${categories ? ` (${categories})` : ''}`,
    `Selesai: ${formatCount(t.total - t.open)}; masih terbuka: ${formatCount(t.open)}`,
    `Tanggapan tepat waktu: ${formatShare(t.firstResponse.metShare)} (target ${formatShare(f.targets.responseOnTimeShare)}); median ${formatWorkingMinutes(t.firstResponse.medianMinutes)}`,
    `Penyelesaian tepat waktu: ${formatShare(t.resolution.metShare)} (target ${formatShare(f.targets.resolutionOnTimeShare)}); median ${formatWorkingMinutes(t.resolution.medianMinutes)}`,
    `Kepuasan: ${f.csat.average === null ? 'belum ada penilaian' : `${formatDecimal(f.csat.average)} dari 5 (${formatCount(f.csat.count)} penilaian)`}`,
    `Tiket terbuka saat ini: ${formatCount(f.backlog.open)}, melewati batas waktu: ${formatCount(f.backlog.overdue)}`,
    'Laporan lengkap (PDF/XLSX): konsol petugas, menu Laporan.',
  ];
  return lines.join('\n');
}

export interface MonthlyDigests {
  /** Sends the digest of `month` (YYYY-MM) to every agency group not yet sent; returns the agencies sent to. */
  send(month: string): Promise<AgencyId[]>;
}

export function createMonthlyDigests(deps: DigestDeps): MonthlyDigests {
  return {
    async send(month) {
      const period = monthPeriod(month);
      const sent: AgencyId[] = [];
      for (const agency of await deps.agenciesWithGroups()) {
        if (!(await deps.store.claimDigest(month, agency, deps.now()))) continue;
        try {
          const figures = await deps.desk.summary({ system: true, agency }, { period });
          await deps.send(agency, digestText(figures, deps.agencyName(agency)));
          sent.push(agency);
        } catch (err) {
          deps.logger.warn('monthly digest failed', { month, agency, err });
        }
      }
      if (sent.length) deps.logger.info('monthly digests sent', { month, agencies: sent });
      return sent;
    },
  };
}

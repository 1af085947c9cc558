/**
 * The evaluation report API (interfaces.md section 8): GET /api/v1/reports/summary (figures as
 * JSON) and GET /api/v1/reports/export (the periodic evaluation report as XLSX, CSV or PDF).
 * Dates are YYYY-MM-DD in Asia/Jakarta, inclusive. Scope as for tickets. Everything that can be
 * refused is checked before the file starts streaming, so errors are still JSON.
 */
import { Router } from 'express';
import { UserInputError } from '../domain/errors';
import type { OfficerAuth } from '../officers/auth';
import { AGENCY_PATTERN, queryObject } from '../officers/input';
import type { Knowledge } from '../knowledge/types';
import type { CsvPart } from '../reports/export-csv';
import { writeCsv } from '../reports/export-csv';
import { writePdf } from '../reports/export-pdf';
import { writeXlsx } from '../reports/export-xlsx';
import { parsePeriod } from '../reports/period';
import type { ReportDesk, ReportRequest } from '../reports/report-desk';
import { buildReportModel } from '../reports/report-model';
import { ticketColumns } from '../reports/ticket-columns';
import type { Logger } from '../runtime/logger';
import type { SlaConfig } from '../tickets';
import { createAuthenticate, officerOf } from './authenticate';

const FORMATS = ['xlsx', 'csv', 'pdf'] as const;
type Format = (typeof FORMATS)[number];
const CONTENT_TYPES: Record<Format, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};
const SERVICE_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface ReportRouteDeps {
  auth: Pick<OfficerAuth, 'authenticate'>;
  desk: ReportDesk;
  knowledge: Pick<Knowledge, 'agencies' | 'services'>;
  sla: SlaConfig;
  logger: Logger;
}

function reportRequest(q: Record<string, string>): ReportRequest {
  const period = parsePeriod(q.from, q.to);
  if (q.agency !== undefined && q.agency !== '' && !AGENCY_PATTERN.test(q.agency)) throw new UserInputError(`Perangkat daerah '${q.agency.slice(0, 64)}' tidak dikenal.`);
  if (q.service !== undefined && q.service !== '' && !SERVICE_PATTERN.test(q.service)) throw new UserInputError(`Layanan '${q.service.slice(0, 64)}' tidak dikenal.`);
  return { period, agency: q.agency || null, service: q.service || null };
}

export function reportRoutes(deps: ReportRouteDeps): Router {
  const router = Router();
  const authenticate = createAuthenticate(deps.auth);

  router.get('/api/v1/reports/summary', authenticate, async (req, res) => {
    const q = queryObject(req.query, ['from', 'to', 'agency', 'service']);
    res.json(await deps.desk.summary(officerOf(res), reportRequest(q)));
  });

  router.get('/api/v1/reports/export', authenticate, async (req, res) => {
    const q = queryObject(req.query, ['from', 'to', 'agency', 'service', 'format', 'part']);
    const format = (q.format ?? 'xlsx') as Format;
    if (!FORMATS.includes(format)) throw new UserInputError(`Format laporan harus salah satu dari: ${FORMATS.join(', ')}.`);
    const part = (q.part ?? 'ringkasan') as CsvPart;
    if (part !== 'ringkasan' && part !== 'tiket') throw new UserInputError('Parameter "part" harus ringkasan atau tiket.');
    const officer = officerOf(res);
    const request = reportRequest(q);
    const scope = deps.desk.scopeOf(officer, request);
    const figures = await deps.desk.summary(officer, request);
    const model = buildReportModel(figures, { knowledge: deps.knowledge, sla: deps.sla, signatory: deps.desk.settings.signatory });
    const input = { model, rows: () => deps.desk.ticketRows(scope), columns: ticketColumns(deps.knowledge) };

    const name = ['laporan-evaluasi-helpdesk', request.period.fromDate, request.period.toDate, scope.agency, scope.service, format === 'csv' ? part : null]
      .filter(Boolean)
      .join('_');
    res.status(200);
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', `attachment; filename="${name}.${format}"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      if (format === 'pdf') writePdf(res, model);
      else if (format === 'csv') await writeCsv(res, input, part);
      else await writeXlsx(res, input);
    } catch (err) {
      // Headers are out: the client sees a cut-off download, the log says why.
      deps.logger.error('report export failed', { format, err });
      res.destroy(err as Error);
    }
  });

  return router;
}

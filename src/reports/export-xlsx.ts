/**
 * The evaluation report as an XLSX workbook, written with exceljs's streaming writer: sheet
 * "Ringkasan" (the indicators with their targets) is written and committed first, then sheet
 * "Tiket" is filled row by row from the store and each row committed, so memory stays bounded
 * whatever the number of tickets (the writer's zip stream is piped to `out` with backpressure).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatInstant, formatMet, formatTarget } from './labels';
import type { TicketRow } from './report-desk';
import type { ReportModel } from './report-model';
import type { TicketColumn } from './ticket-columns';

const BOLD = { bold: true };
const TITLE = { bold: true, size: 14 };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const COMMIT_EVERY = 500;

export async function writeXlsx(out: Writable, input: { model: ReportModel; rows: () => AsyncIterable<TicketRow>; columns: TicketColumn[] }): Promise<void> {
  const m = input.model;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Helpdesk SPBE Kabupaten Cirebon';
  workbook.created = new Date(m.generatedAt);

  const summary = workbook.addWorksheet('Ringkasan', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  summary.columns = [
    { key: 'name', width: 52 },
    { key: 'value', width: 14 },
    { key: 'unit', width: 12 },
    { key: 'target', width: 14 },
    { key: 'met', width: 16 },
    { key: 'note', width: 40 },
  ];
  const add = (values: (string | number | null)[], font?: Partial<ExcelJS.Font>, fill?: ExcelJS.Fill) => {
    const row = summary.addRow(values);
    if (font) row.font = font;
    if (fill) row.eachCell((cell) => (cell.fill = fill));
    row.commit();
  };
  add(['PEMERINTAH KABUPATEN CIREBON'], BOLD);
  add(['DINAS KOMUNIKASI DAN INFORMATIKA'], BOLD);
  add([m.title.toUpperCase()], TITLE);
  add(['Periode', m.periodText]);
  add(['Perangkat Daerah', m.agencyLabel]);
  add(['Layanan', m.serviceLabel]);
  add(['Dibuat', formatInstant(m.generatedAt)]);
  add([]);
  add(['Indikator', 'Nilai', 'Satuan', 'Target', 'Status', 'Keterangan'], BOLD, HEADER_FILL);
  for (const section of m.sections) {
    add([section.title], BOLD);
    for (const i of section.indicators) add([i.name, i.value, i.unit, i.target ? formatTarget(i.target, i.unit) : null, i.met === undefined ? null : formatMet(i.met), i.note ?? null]);
  }
  add([]);
  add(['Target SLA (jam kerja: tanggapan / penyelesaian)'], BOLD);
  add(['Kategori', ...(m.sla[0]?.targets.map((t) => t.priority) ?? [])], BOLD, HEADER_FILL);
  for (const c of m.sla) add([c.category, ...c.targets.map((t) => `${t.responseHours} / ${t.resolutionHours}`)]);
  if (m.findings.length) {
    add([]);
    add(['Catatan'], BOLD);
    for (const f of m.findings) add([f]);
  }
  summary.commit();

  const sheet = workbook.addWorksheet('Tiket', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = input.columns.map((c, i) => ({ key: `c${i}`, width: c.width }));
  const header = sheet.addRow(input.columns.map((c) => c.header));
  header.font = BOLD;
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  header.commit();
  let n = 0;
  for await (const r of input.rows()) {
    sheet.addRow(input.columns.map((c) => c.value(r))).commit();
    // Let the zip stream reach the client before buffering more.
    if (++n % COMMIT_EVERY === 0 && out.writableNeedDrain) await once(out, 'drain');
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: input.columns.length } };
  sheet.commit();
  await workbook.commit();
}

/**
 * CSV of the evaluation report (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs
 * read the accents): the indicators (`ringkasan`) or the ticket list (`tiket`). Cells that a
 * spreadsheet would run as a formula are prefixed with an apostrophe.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { formatMet, formatTarget } from './labels';
import type { TicketRow } from './report-desk';
import type { ReportModel } from './report-model';
import type { Cell, TicketColumn } from './ticket-columns';

export type CsvPart = 'ringkasan' | 'tiket';

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: Cell[]) => `${cells.map(csvCell).join(',')}\r\n`;

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export async function writeCsv(out: Writable, input: { model: ReportModel; rows: () => AsyncIterable<TicketRow>; columns: TicketColumn[] }, part: CsvPart): Promise<void> {
  await write(out, '\ufeff');
  if (part === 'tiket') {
    await write(out, line(input.columns.map((c) => c.header)));
    for await (const row of input.rows()) await write(out, line(input.columns.map((c) => c.value(row))));
  } else {
    const m = input.model;
    await write(out, line(['Bagian', 'Indikator', 'Nilai', 'Satuan', 'Target', 'Status', 'Keterangan']));
    await write(out, line(['Laporan', 'Periode', m.periodText, '', '', '', '']));
    await write(out, line(['Laporan', 'Perangkat Daerah', m.agencyLabel, '', '', '', '']));
    await write(out, line(['Laporan', 'Layanan', m.serviceLabel, '', '', '', '']));
    for (const section of m.sections) {
      for (const i of section.indicators) {
        await write(out, line([section.title, i.name, i.value, i.unit, i.target ? formatTarget(i.target, i.unit) : '', i.met === undefined ? '' : formatMet(i.met), i.note ?? '']));
      }
    }
  }
  out.end();
}

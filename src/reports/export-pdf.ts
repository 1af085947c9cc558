/**
 * The printable evaluation report (PDF, A4, Indonesian) through pdfkit: the letterhead of
 * Diskominfo, title, period and Perangkat Daerah, the performance summary against targets, the
 * detail tables, the SLA targets, users' comments, notes and a signature block for the Kepala
 * Dinas, with page numbers. Standard PDF fonts only (no font files to ship).
 */
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { formatInstant, formatMet, formatTarget, formatValue } from './labels';
import { formatDate } from './period';
import type { Indicator, ReportModel } from './report-model';

type Doc = PDFKit.PDFDocument;

const MARGIN = { top: 48, bottom: 64, left: 56, right: 56 };
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';
const CELL_PAD = 4;

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

function contentWidth(doc: Doc): number {
  return doc.page.width - MARGIN.left - MARGIN.right;
}

function ensureSpace(doc: Doc, height: number): boolean {
  if (doc.y + height <= doc.page.height - MARGIN.bottom) return false;
  doc.addPage();
  return true;
}

/** A bordered table; the header repeats on each new page. Widths are fractions of the content width. */
function table(doc: Doc, columns: Column[], rows: string[][], options: { boldFirstRow?: boolean } = {}): void {
  const total = contentWidth(doc);
  const widths = columns.map((c) => c.width * total);
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(9);
    return Math.max(...cells.map((text, i) => doc.heightOfString(text || ' ', { width: widths[i]! - 2 * CELL_PAD }))) + 2 * CELL_PAD;
  };
  const drawRow = (cells: string[], font: string, fill?: string) => {
    const h = rowHeight(cells, font);
    const y = doc.y;
    let x = MARGIN.left;
    if (fill) doc.save().rect(x, y, total, h).fill(fill).restore();
    doc.font(font).fontSize(9).fillColor('black');
    cells.forEach((text, i) => {
      doc.rect(x, y, widths[i]!, h).lineWidth(0.5).strokeColor('#666666').stroke();
      doc.text(text, x + CELL_PAD, y + CELL_PAD, { width: widths[i]! - 2 * CELL_PAD, align: columns[i]!.align ?? 'left' });
      x += widths[i]!;
    });
    doc.x = MARGIN.left;
    doc.y = y + h;
  };
  const header = columns.map((c) => c.header);
  ensureSpace(doc, rowHeight(header, BOLD) + rowHeight(rows[0] ?? [''], FONT));
  drawRow(header, BOLD, '#DCE6F1');
  rows.forEach((cells, i) => {
    const font = options.boldFirstRow && i === 0 ? BOLD : FONT;
    if (ensureSpace(doc, rowHeight(cells, font))) drawRow(header, BOLD, '#DCE6F1');
    drawRow(cells, font);
  });
  doc.moveDown(0.8);
}

function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 60);
  doc.font(BOLD).fontSize(11).fillColor('black').text(text, MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

function letterhead(doc: Doc): void {
  const width = contentWidth(doc);
  doc.font(BOLD).fontSize(14).text('PEMERINTAH KABUPATEN CIREBON', MARGIN.left, MARGIN.top, { width, align: 'center' });
  doc.font(BOLD).fontSize(13).text('DINAS KOMUNIKASI DAN INFORMATIKA', { width, align: 'center' });
  doc.font(FONT).fontSize(9).text('Pelaksana Manajemen Layanan Sistem Pemerintahan Berbasis Elektronik (SPBE) - Helpdesk SPBE', { width, align: 'center' });
  const y = doc.y + 4;
  doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + width, y).lineWidth(1.5).strokeColor('black').stroke();
  doc.moveTo(MARGIN.left, y + 2.5).lineTo(MARGIN.left + width, y + 2.5).lineWidth(0.5).stroke();
  doc.y = y + 14;
}

function identity(doc: Doc, m: ReportModel): void {
  const width = contentWidth(doc);
  doc.font(BOLD).fontSize(12).text(m.title.toUpperCase(), MARGIN.left, doc.y, { width, align: 'center' });
  doc.font(BOLD).fontSize(11).text(`PERIODE ${m.periodLabel.toUpperCase()}`, { width, align: 'center' });
  doc.moveDown(0.8);
  const rows: [string, string][] = [
    ['Periode', m.periodRange],
    ['Perangkat Daerah', m.agencyLabel],
    ['Layanan', m.serviceLabel],
    ['Dasar', 'Pedoman Manajemen Layanan SPBE Kabupaten Cirebon Tahun 2024, BAB V huruf E (Evaluasi: laporan evaluasi secara periodik)'],
    ['Sumber data', `Helpdesk SPBE (tiket, percakapan, survei kepuasan), diambil ${formatInstant(m.generatedAt)}`],
  ];
  for (const [k, v] of rows) {
    const y = doc.y;
    doc.font(FONT).fontSize(10).text(k, MARGIN.left, y, { width: 110 });
    doc.text(':', MARGIN.left + 110, y, { width: 10 });
    doc.text(v, MARGIN.left + 122, y, { width: width - 122 });
    doc.x = MARGIN.left;
  }
  doc.moveDown(0.8);
}

const valueOf = (i: Indicator) => formatValue(i.value, i.unit);
/** Indicators with targets: value, target, whether it is met, and a note. */
const judgedColumns: Column[] = [
  { header: 'Indikator', width: 0.34 },
  { header: 'Capaian', width: 0.14, align: 'right' },
  { header: 'Target', width: 0.13, align: 'right' },
  { header: 'Status', width: 0.17 },
  { header: 'Keterangan', width: 0.22 },
];
const judgedRow = (i: Indicator) => [i.name, valueOf(i), formatTarget(i.target, i.unit), formatMet(i.met), i.note ?? ''];
const hours = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

function signature(doc: Doc, m: ReportModel): void {
  ensureSpace(doc, 170);
  doc.moveDown(1.5);
  const x = MARGIN.left + contentWidth(doc) * 0.42;
  const width = contentWidth(doc) * 0.58;
  const today = new Date(m.generatedAt + 7 * 3_600_000).toISOString().slice(0, 10);
  doc.font(FONT).fontSize(10).text(`${m.signatory.city}, ${formatDate(today)}`, x, doc.y, { width, align: 'center' });
  doc.text(m.signatory.title, x, doc.y, { width, align: 'center' });
  doc.moveDown(4.5);
  doc.font(BOLD).text(m.signatory.name || '(..............................................)', x, doc.y, { width, align: 'center', underline: !!m.signatory.name });
  doc.font(FONT).text(`NIP. ${m.signatory.nip || '..............................................'}`, x, doc.y, { width, align: 'center' });
  doc.x = MARGIN.left;
}

function footers(doc: Doc, m: ReportModel): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(ITALIC).fontSize(8).fillColor('#444444');
    doc.text(`${m.title} - ${m.periodLabel} - ${m.agencyShort}`, MARGIN.left, doc.page.height - 40, { width: contentWidth(doc) * 0.75, lineBreak: false });
    doc.text(`Halaman ${i - range.start + 1} dari ${range.count}`, MARGIN.left, doc.page.height - 40, { width: contentWidth(doc), align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}

/** Writes the PDF to `out` (which pdfkit ends when the document is complete). */
export function writePdf(out: Writable, model: ReportModel): void {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'id-ID',
    info: { Title: `${model.title} - ${model.periodLabel} - ${model.agencyLabel}`, Author: 'Dinas Komunikasi dan Informatika Kabupaten Cirebon', Subject: 'Evaluasi berkala layanan SPBE' },
  });
  doc.pipe(out);
  letterhead(doc);
  identity(doc, model);

  const [summary, ...details] = model.sections;
  if (summary) {
    heading(doc, `A. ${summary.title}`);
    table(doc, judgedColumns, summary.indicators.map(judgedRow));
  }

  heading(doc, 'B. Rincian');
  details.forEach((section, n) => {
    heading(doc, `B.${n + 1} ${section.title}`);
    if (section.indicators.some((i) => i.target)) {
      table(doc, judgedColumns, section.indicators.map(judgedRow));
      return;
    }
    const rows = section.indicators.map((i) => [i.name, valueOf(i)]);
    table(doc, [{ header: 'Uraian', width: 0.72 }, { header: 'Jumlah / nilai', width: 0.28, align: 'right' }], rows.length ? rows : [['Tidak ada data pada periode ini', '-']]);
  });

  heading(doc, 'C. Target SLA (jam kerja: tanggapan / penyelesaian)');
  const priorities = model.sla[0]?.targets.map((t) => t.priority) ?? [];
  table(
    doc,
    [{ header: 'Kategori', width: 0.28 }, ...priorities.map((p) => ({ header: p, width: 0.72 / Math.max(1, priorities.length), align: 'center' as const }))],
    model.sla.map((c) => [c.category, ...c.targets.map((t) => `${hours.format(t.responseHours)} / ${hours.format(t.resolutionHours)}`)]),
  );

  heading(doc, 'D. Saran dan komentar pengguna');
  if (model.comments.length) {
    table(doc, [{ header: 'Tiket', width: 0.22 }, { header: 'Nilai', width: 0.1, align: 'center' }, { header: 'Komentar', width: 0.68 }], model.comments.slice(0, 15).map((c) => [c.ticket, String(c.rating), c.comment]));
  } else {
    doc.font(FONT).fontSize(10).text('Tidak ada komentar pada periode ini.', MARGIN.left, doc.y, { width: contentWidth(doc) });
    doc.moveDown(0.8);
  }

  heading(doc, 'E. Catatan evaluasi dan tindak lanjut');
  const notes = model.findings.length ? model.findings : ['Tidak ada target kinerja yang tidak tercapai pada periode ini.'];
  notes.forEach((f, i) => doc.font(FONT).fontSize(10).text(`${i + 1}. ${f}`, MARGIN.left, doc.y, { width: contentWidth(doc) }));
  doc.moveDown(0.5);
  doc.text('Tindak lanjut: ........................................................................................................................', { width: contentWidth(doc) });

  signature(doc, model);
  footers(doc, model);
  doc.end();
}

/**
 * Loads the dialogue files of flows/, validates each with zod and cross-checks references:
 * step ids, one step per slot kind, the confirmation step last, option actions naming existing
 * flows or built-in actions, placeholders, and (with the knowledge) service and agency ids.
 * Any problem throws a DataFileError naming the file, the entry (step id) and the field.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataFileError } from '../domain/errors';
import type { TicketCategory } from '../domain/ids';
import type { Knowledge } from '../knowledge/types';
import { DEFAULT_FLOWS_DIR, displayName, locate, readYaml, validateData } from '../tickets/data-files';
import { PLACEHOLDERS, flowFileSchema } from './flow-schema';
import type {
  ActionOptionDef,
  AgenFlow,
  FlowFile,
  InformasiFlow,
  LacakFlow,
  LaporanFlow,
  OptionDef,
  SalamFlow,
  SurveiFlow,
  TanggapanFlow,
  UmumFlow,
} from './flow-schema';

/** Files of flows/ that are configuration, not dialogues (eskalasi.yaml belongs to src/officers, pemantauan.yaml to src/operations, retensi.yaml to src/privacy). */
export const CONFIG_FILES: ReadonlySet<string> = new Set(['sla.yaml', 'kalender-kerja.yaml', 'hari-libur.yaml', 'eskalasi.yaml', 'pemantauan.yaml', 'retensi.yaml', 'target-evaluasi.yaml']);

/** Actions the engine knows besides starting a flow by id. */
export const BUILTIN_ACTIONS: ReadonlySet<string> = new Set(['tanya_informasi', 'daftar_layanan', 'menu']);

export interface Flows {
  dir: string;
  umum: UmumFlow;
  salam: SalamFlow;
  informasi: InformasiFlow;
  lacak: LacakFlow;
  agen: AgenFlow;
  survei: SurveiFlow;
  tanggapan: TanggapanFlow;
  /** Report flows by id. */
  reports: Map<string, LaporanFlow>;
  reportByCategory: Map<TicketCategory, LaporanFlow>;
  /** Every flow by id, and the file it came from. */
  byId: Map<string, FlowFile>;
  fileOf: Map<string, string>;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

function checkPlaceholders(file: string, flow: FlowFile): void {
  const visit = (node: unknown, path: string[]): void => {
    if (typeof node === 'string') {
      let key = `${flow.jenis}:${path.filter((p) => !/^\d+$/.test(p)).join('.')}`;
      if (path[0] === 'langkah' && flow.jenis === 'laporan') {
        const step = flow.langkah[Number(path[1])]!;
        key = `laporan:langkah.${step.jenis}.${path.slice(2).join('.')}`;
      }
      const allowed = PLACEHOLDERS[key] ?? [];
      for (const m of node.matchAll(PLACEHOLDER)) {
        const name = m[1]!;
        if (!allowed.includes(name)) {
          const at = locate(flow, path);
          throw new DataFileError(
            file,
            at.entry,
            at.field,
            `penanda '{${name}}' tidak dikenal; ` +
              (allowed.length ? `yang dapat dipakai: ${allowed.map((a) => `{${a}}`).join(', ')}` : 'teks ini tidak memakai penanda'),
          );
        }
      }
      return;
    }
    if (Array.isArray(node)) node.forEach((v, i) => visit(v, [...path, String(i)]));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) visit(v, [...path, k]);
  };
  visit(flow, []);
}

function checkOptionValues(file: string, listName: string, options: OptionDef[]): void {
  const seen = new Set<string>();
  for (const o of options) {
    if (seen.has(o.nilai)) throw new DataFileError(file, `${listName}[${o.nilai}]`, 'nilai', 'nilai pilihan ganda');
    seen.add(o.nilai);
  }
}

function checkReportSteps(file: string, flow: LaporanFlow): void {
  const ids = new Set<string>();
  const kinds = new Set<string>();
  flow.langkah.forEach((step, i) => {
    if (ids.has(step.id)) throw new DataFileError(file, step.id, 'id', 'id langkah ganda');
    ids.add(step.id);
    if (kinds.has(step.jenis)) throw new DataFileError(file, step.id, 'jenis', `jenis langkah '${step.jenis}' sudah dipakai langkah lain`);
    kinds.add(step.jenis);
    if (step.jenis === 'konfirmasi' && i !== flow.langkah.length - 1) {
      throw new DataFileError(file, step.id, 'jenis', 'langkah konfirmasi harus menjadi langkah terakhir');
    }
  });
  const confirm = flow.langkah[flow.langkah.length - 1]!;
  if (confirm.jenis !== 'konfirmasi') throw new DataFileError(file, confirm.id, 'jenis', "langkah terakhir harus berjenis 'konfirmasi'");
  if (!kinds.has('deskripsi')) throw new DataFileError(file, null, 'langkah', "wajib ada langkah berjenis 'deskripsi'");
  if (!kinds.has('kontak')) throw new DataFileError(file, null, 'langkah', "wajib ada langkah berjenis 'kontak'");
  confirm.dapat_diubah.forEach((ref, i) => {
    if (!ids.has(ref) || ref === confirm.id) {
      throw new DataFileError(file, confirm.id, `dapat_diubah.${i}`, `langkah '${ref}' tidak ada di berkas ini`);
    }
  });
}

function checkActions(file: string, listName: string, options: ActionOptionDef[], valid: (aksi: string) => boolean, hint: string): void {
  checkOptionValues(file, listName, options);
  for (const o of options) {
    if (!valid(o.aksi)) throw new DataFileError(file, `${listName}[${o.nilai}]`, 'aksi', `aksi '${o.aksi}' tidak dikenal; ${hint}`);
  }
}

export function loadFlows(flowsDir: string = DEFAULT_FLOWS_DIR): Flows {
  let names: string[];
  try {
    names = readdirSync(flowsDir).filter((n) => /\.ya?ml$/.test(n) && !CONFIG_FILES.has(n)).sort();
  } catch (err) {
    throw new DataFileError(flowsDir, null, null, `folder alur tidak dapat dibaca (${(err as Error).message})`);
  }
  const byId = new Map<string, FlowFile>();
  const fileOf = new Map<string, string>();
  for (const name of names) {
    const path = join(flowsDir, name);
    const file = displayName(path);
    const flow = validateData(flowFileSchema, file, readYaml(path));
    if (name.replace(/\.ya?ml$/, '') !== flow.id) throw new DataFileError(file, null, 'id', `nama berkas harus sama dengan id ('${flow.id}.yaml')`);
    checkPlaceholders(file, flow);
    if (flow.jenis === 'laporan') checkReportSteps(file, flow);
    byId.set(flow.id, flow);
    fileOf.set(flow.id, file);
  }

  const single = <J extends FlowFile['jenis']>(jenis: J): Extract<FlowFile, { jenis: J }> => {
    const found = [...byId.values()].filter((f) => f.jenis === jenis);
    if (found.length !== 1) {
      throw new DataFileError(displayName(flowsDir), null, 'jenis', `harus ada tepat satu berkas alur berjenis '${jenis}' (ada ${found.length})`);
    }
    return found[0] as Extract<FlowFile, { jenis: J }>;
  };
  const umum = single('umum');
  const salam = single('salam');
  const informasi = single('informasi');
  const lacak = single('lacak');
  const agen = single('agen');
  const survei = single('survei');
  const tanggapan = single('tanggapan');

  const reports = new Map<string, LaporanFlow>();
  const reportByCategory = new Map<TicketCategory, LaporanFlow>();
  for (const f of byId.values()) {
    if (f.jenis !== 'laporan') continue;
    const other = reportByCategory.get(f.kategori);
    if (other) throw new DataFileError(fileOf.get(f.id)!, null, 'kategori', `kategori '${f.kategori}' sudah dipakai ${fileOf.get(other.id)}`);
    reports.set(f.id, f);
    reportByCategory.set(f.kategori, f);
  }
  for (const c of ['gangguan', 'keluhan', 'permintaan', 'perubahan', 'informasi'] as const) {
    if (!reportByCategory.has(c)) throw new DataFileError(displayName(flowsDir), null, 'kategori', `tidak ada alur laporan untuk kategori '${c}'`);
  }

  const startable = new Set([...reports.keys(), lacak.id, agen.id]);
  const startableHint = `pakai salah satu: ${[...startable, ...BUILTIN_ACTIONS].join(', ')}`;
  checkActions(fileOf.get(salam.id)!, 'pilihan_menu', salam.pilihan_menu, (a) => startable.has(a) || BUILTIN_ACTIONS.has(a), startableHint);
  checkActions(fileOf.get(umum.id)!, 'pilihan_belum_yakin', umum.pilihan_belum_yakin, (a) => startable.has(a) || BUILTIN_ACTIONS.has(a), startableHint);
  checkActions(fileOf.get(informasi.id)!, 'pilihan_tidak_membantu', informasi.pilihan_tidak_membantu, (a) => startable.has(a), `pakai salah satu: ${[...startable].join(', ')}`);
  checkActions(fileOf.get(umum.id)!, 'pilihan_berkas', umum.pilihan_berkas, (a) => startable.has(a), `pakai salah satu: ${[...startable].join(', ')}`);
  informasi.lanjut_ke.forEach((l, i) => {
    if (!reports.has(l.aksi)) {
      throw new DataFileError(fileOf.get(informasi.id)!, `lanjut_ke[${i}]`, 'aksi', `aksi '${l.aksi}' tidak dikenal; pakai salah satu: ${[...reports.keys()].join(', ')}`);
    }
  });
  checkOptionValues(fileOf.get(tanggapan.id)!, 'pilihan', [tanggapan.pilihan.tanggapan, tanggapan.pilihan.lain]);

  return { dir: flowsDir, umum, salam, informasi, lacak, agen, survei, tanggapan, reports, reportByCategory, byId, fileOf };
}

/** Checks the service and agency ids the flows name against the catalog (faq/). */
export function checkFlowsAgainstKnowledge(flows: Flows, knowledge: Knowledge): void {
  for (const f of flows.reports.values()) {
    const file = flows.fileOf.get(f.id)!;
    if (!knowledge.agencies.has(f.instansi_bawaan)) {
      throw new DataFileError(file, null, 'instansi_bawaan', `instansi '${f.instansi_bawaan}' tidak ada di faq/agencies.yaml`);
    }
    for (const step of f.langkah) {
      if (step.jenis !== 'layanan') continue;
      step.pilihan_singkat.forEach((s, i) => {
        if (!knowledge.services.has(s)) throw new DataFileError(file, step.id, `pilihan_singkat.${i}`, `layanan '${s}' tidak ada di faq/catalog.yaml`);
      });
    }
  }
}

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFileError } from '../../../src/domain/errors';
import { checkFlowsAgainstKnowledge, loadFlows } from '../../../src/dialogue/load-flows';
import { DEFAULT_FLOWS_DIR } from '../../../src/tickets/data-files';
import { fixtureKnowledge } from './helpers/knowledge';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flows-'));
  cpSync(DEFAULT_FLOWS_DIR, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function edit(file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = before.replace(from, to);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
}

function loadError(): DataFileError {
  try {
    checkFlowsAgainstKnowledge(loadFlows(dir), fixtureKnowledge());
  } catch (err) {
    expect(err).toBeInstanceOf(DataFileError);
    return err as DataFileError;
  }
  throw new Error('expected a DataFileError');
}

describe('flow files', () => {
  test('the repository flows load and match the catalog', () => {
    const flows = loadFlows();
    checkFlowsAgainstKnowledge(flows, fixtureKnowledge());
    expect([...flows.reportByCategory.keys()].sort()).toEqual(['gangguan', 'informasi', 'keluhan', 'permintaan', 'perubahan']);
  });

  test('a missing text names the file, the step and the field', () => {
    edit('lapor-gangguan.yaml', / {4}tanya: "Boleh jelaskan[^\n]*\n/, '');
    const err = loadError();
    expect(err).toMatchObject({ file: 'flows/lapor-gangguan.yaml', entry: 'deskripsi', field: 'tanya' });
  });

  test('a wrong type names the step and field', () => {
    edit('lapor-gangguan.yaml', 'min_panjang: 15', 'min_panjang: lima belas');
    expect(loadError()).toMatchObject({ file: 'flows/lapor-gangguan.yaml', entry: 'deskripsi', field: 'min_panjang' });
  });

  test('an unknown step kind (slot kind) is rejected', () => {
    edit('keluhan.yaml', 'jenis: lampiran', 'jenis: foto');
    expect(loadError()).toMatchObject({ file: 'flows/keluhan.yaml', entry: 'lampiran', field: 'jenis' });
  });

  test('a reference to a missing step is rejected', () => {
    edit('permintaan.yaml', 'dapat_diubah: [layanan, deskripsi, kontak, nip, lampiran]', 'dapat_diubah: [layanan, uraian]');
    const err = loadError();
    expect(err).toMatchObject({ file: 'flows/permintaan.yaml', entry: 'konfirmasi', field: 'dapat_diubah.1' });
    expect(err.message).toContain("'uraian'");
  });

  test('an unknown placeholder is rejected with the allowed ones', () => {
    edit('lapor-gangguan.yaml', 'diteruskan ke {instansi_singkat}.', 'diteruskan ke {dinas}.');
    const err = loadError();
    expect(err).toMatchObject({ file: 'flows/lapor-gangguan.yaml', entry: null, field: 'pesan.pembuka' });
    expect(err.message).toContain('{dinas}');
    expect(err.message).toContain('{instansi_singkat}');
  });

  test('a placeholder inside a step is named by the step', () => {
    edit('lapor-gangguan.yaml', 'Mohon tuliskan NIP Anda', 'Mohon tuliskan NIP {nama}');
    expect(loadError()).toMatchObject({ entry: 'nip', field: 'tanya' });
  });

  test('a menu action naming no flow is rejected', () => {
    edit('salam.yaml', 'aksi: lapor-gangguan', 'aksi: lapor-insiden');
    const err = loadError();
    expect(err).toMatchObject({ file: 'flows/salam.yaml', entry: 'pilihan_menu[gangguan]', field: 'aksi' });
  });

  test('the confirmation must be the last step', () => {
    const path = join(dir, 'pertanyaan.yaml');
    const text = readFileSync(path, 'utf8');
    const [head, confirm] = text.split('  - id: konfirmasi');
    const [beforeKontak, kontak] = head!.split('  - id: kontak');
    writeFileSync(path, `${beforeKontak}  - id: konfirmasi${confirm!.trimEnd()}\n  - id: kontak${kontak}`);
    expect(loadError()).toMatchObject({ file: 'flows/pertanyaan.yaml', entry: 'konfirmasi', field: 'jenis' });
  });

  test('an unknown service in the short list is caught against the catalog', () => {
    edit('lapor-gangguan.yaml', 'pilihan_singkat: [kepegawaian,', 'pilihan_singkat: [simpeg,');
    expect(loadError()).toMatchObject({ entry: 'layanan', field: 'pilihan_singkat.0' });
  });

  test('invalid YAML names the file', () => {
    writeFileSync(join(dir, 'minta-agen.yaml'), 'id: minta-agen\n  jenis: [agen\n');
    expect(loadError()).toMatchObject({ file: 'flows/minta-agen.yaml', entry: null });
  });

  test('a file whose name differs from its id is rejected', () => {
    edit('keluhan.yaml', 'id: keluhan', 'id: komplain');
    expect(loadError()).toMatchObject({ file: 'flows/keluhan.yaml', field: 'id' });
  });
});

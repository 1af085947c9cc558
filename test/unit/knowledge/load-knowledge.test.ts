import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { FIXTURE_TAXONOMY_PATH, loadTaxonomy, SHARED_TAXONOMY_PATH } from '../../helpers/taxonomy';
import { DataFileError } from '../../../src/domain/errors';
import { DEFAULT_FAQ_DIR, loadKnowledge } from '../../../src/knowledge/load-knowledge';

const taxonomy = loadTaxonomy();

describe('the catalog and FAQ under faq/', () => {
  const k = loadKnowledge();

  (existsSync(SHARED_TAXONOMY_PATH) ? it : it.skip)('keeps test/fixtures/taxonomy.json identical to the shared spec', () => {
    expect(JSON.parse(readFileSync(FIXTURE_TAXONOMY_PATH, 'utf8'))).toEqual(JSON.parse(readFileSync(SHARED_TAXONOMY_PATH, 'utf8')));
  });

  it('has every service and agency of taxonomy.json, with the same owners in the same order', () => {
    expect([...k.services.keys()].sort()).toEqual(Object.keys(taxonomy.services).sort());
    expect([...k.agencies.keys()].sort()).toEqual(Object.keys(taxonomy.agencies).sort());
    for (const [id, s] of Object.entries(taxonomy.services)) {
      expect(k.services.get(id)!.owners).toEqual(s.agencies);
      expect(k.services.get(id)!.kind).toBe(s.kind);
    }
  });

  it('gives every service the katalog layanan fields (BAB V A.d)', () => {
    for (const s of k.services.values()) {
      for (const field of [s.name, s.description, s.provider, s.technicalManager, s.access, s.availability.value, s.source]) {
        expect(field.trim().length).toBeGreaterThan(0);
      }
    }
  });

  it('marks an availability target the documents do not give as the configurable default', () => {
    const defaults = [...k.services.values()].filter((s) => s.availability.isDefault);
    for (const s of defaults) expect(s.availability.note.length).toBeGreaterThan(0);
  });

  it('has FAQ entries for every service', () => {
    for (const id of k.services.keys()) {
      expect(k.faq.some((e) => e.service === id)).toBe(true);
    }
  });
});

describe('validation errors name the file, the entry and the field', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'faq-'));
    cpSync(DEFAULT_FAQ_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const edit = (file: string, change: (doc: Record<string, unknown[]>) => void) => {
    const path = join(dir, file);
    const doc = parse(readFileSync(path, 'utf8'));
    change(doc);
    writeFileSync(path, stringify(doc));
  };
  const errorOf = () => {
    try {
      loadKnowledge(dir);
    } catch (err) {
      return err as DataFileError;
    }
    throw new Error('expected loadKnowledge to fail');
  };

  it('a catalog entry without a required field', () => {
    edit('catalog.yaml', (doc) => {
      delete (doc.services![0] as Record<string, unknown>).cara_akses;
    });
    const err = errorOf();
    expect(err).toBeInstanceOf(DataFileError);
    expect(err.file).toMatch(/catalog\.yaml$/);
    expect(err.entry).toBe((parse(readFileSync(join(DEFAULT_FAQ_DIR, 'catalog.yaml'), 'utf8')).services[0] as { id: string }).id);
    expect(err.field).toBe('cara_akses');
  });

  it('a catalog owner that is not an agency', () => {
    edit('catalog.yaml', (doc) => {
      (doc.services![1] as Record<string, unknown>).pengelola_layanan = ['dinas-tidak-ada'];
    });
    const err = errorOf();
    expect(err.field).toBe('pengelola_layanan.0');
    expect(err.message).toMatch(/dinas-tidak-ada/);
  });

  it('an FAQ entry pointing at an unknown service, and a duplicate id', () => {
    const file = 'entries/spbe-umum.yaml';
    edit(file, (doc) => {
      (doc.entries![0] as Record<string, unknown>).layanan = 'layanan-fiktif';
    });
    let err = errorOf();
    expect(err.file).toMatch(/spbe-umum\.yaml$/);
    expect(err.field).toBe('layanan');
    cpSync(join(DEFAULT_FAQ_DIR, file), join(dir, file));
    edit(file, (doc) => {
      doc.entries!.push({ ...(doc.entries![0] as object) });
    });
    err = errorOf();
    expect(err.field).toBe('id');
    expect(err.message).toMatch(/ganda/);
  });

  it('labelled messages (faq/contoh-berlabel): bad JSON, an unknown type or service, a duplicate', () => {
    const file = join(dir, 'contoh-berlabel', 'uji.jsonl');
    const good = { teks: 'simpeg tidak bisa dibuka sejak pagi', jenis: 'gangguan', layanan: 'kepegawaian' };
    const cases: [string, string, string | null, RegExp][] = [
      [`${JSON.stringify(good)}\n{"teks": "rusak"`, 'baris 2', null, /JSON tidak valid/],
      [JSON.stringify({ ...good, jenis: 'laporan' }), 'baris 1', 'jenis', /./],
      [JSON.stringify({ ...good, layanan: 'tidak-ada' }), 'baris 1', 'layanan', /tidak ada di catalog\.yaml/],
      [JSON.stringify({ ...good, teks: '  ' }), 'baris 1', 'teks', /tidak boleh kosong/],
      [JSON.stringify({ ...good, catatan: 'x' }), 'baris 1', null, /catatan/],
      [`${JSON.stringify(good)}\n${JSON.stringify({ ...good, teks: 'SIMPEG  tidak bisa dibuka sejak pagi', jenis: 'keluhan' })}`, 'baris 2', 'teks', /sudah ada .*uji\.jsonl baris 1/],
    ];
    for (const [content, entry, field, problem] of cases) {
      writeFileSync(file, content);
      const err = errorOf();
      expect(err).toBeInstanceOf(DataFileError);
      expect(err.file).toMatch(/contoh-berlabel\/uji\.jsonl$/);
      expect({ entry: err.entry, field: err.field }).toEqual({ entry, field });
      expect(err.message).toMatch(problem);
    }
    writeFileSync(file, `${JSON.stringify(good)}\n\n`);
    const loaded = loadKnowledge(dir).labelled.filter((m) => m.file.endsWith('uji.jsonl'));
    expect(loaded).toEqual([{ text: good.teks, type: 'gangguan', service: 'kepegawaian', file: expect.stringMatching(/uji\.jsonl$/), line: 1 }]);
  });

  it('an FAQ entry with too few question variants, and broken YAML', () => {
    edit('entries/spbe-umum.yaml', (doc) => {
      (doc.entries![0] as Record<string, unknown>).pertanyaan = ['satu saja'];
    });
    expect(errorOf().field).toBe('pertanyaan');
    writeFileSync(join(dir, 'agencies.yaml'), 'agencies: [\n  - id: x');
    expect(errorOf().message).toMatch(/agencies\.yaml.*YAML tidak valid/);
  });
});

describe('cue files (faq/isyarat) and understanding words (faq/pemahaman.yaml) are validated', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'faq-'));
    cpSync(DEFAULT_FAQ_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- YAML documents are edited freely here
  const edit = (file: string, change: (doc: Record<string, any>) => void) => {
    const path = join(dir, file);
    const doc = parse(readFileSync(path, 'utf8'));
    change(doc);
    writeFileSync(path, stringify(doc));
  };
  const errorOf = () => {
    try {
      loadKnowledge(dir);
    } catch (err) {
      return err as DataFileError;
    }
    throw new Error('expected loadKnowledge to fail');
  };

  it('names the cue and the field of an uppercase or regex-like word', () => {
    edit('isyarat/keluhan.yaml', (doc) => {
      doc.isyarat[0].frasa = ['Kecewa'];
    });
    let err = errorOf();
    expect(err).toBeInstanceOf(DataFileError);
    expect(err.file).toMatch(/isyarat\/keluhan\.yaml$/);
    expect(err.entry).toBe('kecewa');
    expect(err.field).toBe('frasa.0');
    edit('isyarat/keluhan.yaml', (doc) => {
      doc.isyarat[0].frasa = ['kecewa.*'];
    });
    err = errorOf();
    expect(err.entry).toBe('kecewa');
  });

  it('refuses a cue without examples, with two forms, or with an unknown list', () => {
    edit('isyarat/gangguan.yaml', (doc) => {
      doc.isyarat[0].contoh = [];
    });
    expect(errorOf().field).toBe('contoh');
    cpSync(join(DEFAULT_FAQ_DIR, 'isyarat'), join(dir, 'isyarat'), { recursive: true });
    edit('isyarat/gangguan.yaml', (doc) => {
      doc.isyarat[1].urutan = [['a']];
    });
    expect(errorOf().message).toMatch(/tepat satu/);
    cpSync(join(DEFAULT_FAQ_DIR, 'isyarat'), join(dir, 'isyarat'), { recursive: true });
    edit('isyarat/gangguan.yaml', (doc) => {
      doc.isyarat[0].urutan[3] = '@tidak-ada';
    });
    const err = errorOf();
    expect(err.entry).toBe('tidak-bisa-aksi');
    expect(err.field).toBe('urutan.3');
    expect(err.message).toMatch(/@tidak-ada/);
  });

  it('refuses a duplicate cue name, a file named after another type, and an unknown complaint service', () => {
    edit('isyarat/keluhan.yaml', (doc) => {
      doc.isyarat.push({ ...doc.isyarat[0] });
    });
    expect(errorOf().message).toMatch(/ganda/);
    cpSync(join(DEFAULT_FAQ_DIR, 'isyarat'), join(dir, 'isyarat'), { recursive: true });
    edit('isyarat/keluhan.yaml', (doc) => {
      doc.jenis = 'gangguan';
    });
    expect(errorOf().field).toBe('jenis');
    cpSync(join(DEFAULT_FAQ_DIR, 'isyarat'), join(dir, 'isyarat'), { recursive: true });
    edit('pemahaman.yaml', (doc) => {
      doc.layanan_pengaduan = 'tidak-ada';
    });
    const err = errorOf();
    expect(err.file).toMatch(/pemahaman\.yaml$/);
    expect(err.field).toBe('layanan_pengaduan');
  });

  it('refuses a topic-shift phrase that is not lowercase words', () => {
    edit('pemahaman.yaml', (doc) => {
      doc.penanda_topik_baru = ['oh iya', 'Sekalian  Tanya'];
    });
    const err = errorOf();
    expect(err.file).toMatch(/pemahaman\.yaml$/);
    expect(err.field).toBe('penanda_topik_baru.1');
    expect(err.message).toMatch(/frasa huruf kecil/);
  });

  it('refuses a coordinator agency that is not in agencies.yaml', () => {
    edit('agencies.yaml', (doc) => {
      doc.koordinator = 'dinas-lain';
    });
    const err = errorOf();
    expect(err.field).toBe('koordinator');
  });
});

describe('FAQ placeholders, grade answers and the open-question entry are validated', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'faq-'));
    cpSync(DEFAULT_FAQ_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- YAML documents are edited freely here
  const edit = (file: string, change: (doc: Record<string, any>) => void) => {
    const path = join(dir, file);
    const doc = parse(readFileSync(path, 'utf8'));
    change(doc);
    writeFileSync(path, stringify(doc));
  };
  const errorOf = () => {
    try {
      loadKnowledge(dir);
    } catch (err) {
      return err as DataFileError;
    }
    throw new Error('expected loadKnowledge to fail');
  };

  it('refuses an unknown placeholder, naming the entry and the field', () => {
    edit('entries/helpdesk.yaml', (doc) => {
      doc.entries[1].jawaban = 'Jam layanan: {jam_buka}.';
    });
    const err = errorOf();
    expect(err.file).toMatch(/helpdesk\.yaml$/);
    expect(err.entry).toBe(parse(readFileSync(join(DEFAULT_FAQ_DIR, 'entries/helpdesk.yaml'), 'utf8')).entries[1].id);
    expect(err.field).toBe('jawaban');
    expect(err.message).toMatch(/\{jam_buka\}/);
  });

  it('allows service placeholders only in answers for every service (layanan: "*")', () => {
    edit('entries/helpdesk.yaml', (doc) => {
      doc.entries[0].jawaban = '{nama} dikelola {pengelola}.';
    });
    expect(errorOf().message).toMatch(/\{nama\}/);
  });

  it('refuses a grade range upside down or badly written', () => {
    const file = 'entries/kepegawaian.yaml';
    edit(file, (doc) => {
      const e = doc.entries.find((x: { rincian?: unknown }) => x.rincian);
      e.rincian[0].golongan = { dari: 'IV/a', sampai: 'III/b' };
    });
    let err = errorOf();
    expect(err.field).toBe('rincian.0.golongan');
    cpSync(join(DEFAULT_FAQ_DIR, file), join(dir, file));
    edit(file, (doc) => {
      const e = doc.entries.find((x: { rincian?: unknown }) => x.rincian);
      e.rincian[0].golongan.dari = '3b';
    });
    err = errorOf();
    expect(err.field).toBe('rincian.0.golongan.dari');
  });

  it('refuses an open-question entry that is not a general FAQ entry', () => {
    edit('pemahaman.yaml', (doc) => {
      doc.jawaban_tanya_umum = 'simpeg-pengertian';
    });
    expect(errorOf().field).toBe('jawaban_tanya_umum');
  });
});

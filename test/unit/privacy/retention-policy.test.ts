import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFileError } from '../../../src/domain/errors';
import { cutoffOf, DAY_MS, loadRetentionPolicy } from '../../../src/privacy/retention-policy';
import { PrivacyRegistry } from '../../../src/privacy/registry';
import { coreHolders } from '../../../src/privacy/holders';

const KEYS = new PrivacyRegistry();
for (const h of coreHolders({ store: {} as never, pds: {} as never, files: {} as never })) KEYS.register(h);

describe('flows/retensi.yaml', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hd-retensi-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (yaml: string) => writeFileSync(join(dir, 'retensi.yaml'), yaml);
  const load = () => loadRetentionPolicy(dir, KEYS.retentionKeys());
  const periods = (over: Record<string, string> = {}) =>
    Object.entries({ transkrip: '365', tiket_ditutup: '730', lampiran: '365', jejak_audit: '1095', sesi_obrolan_web: '30', pengiriman: '90', ...over })
      .filter(([, v]) => v !== '')
      .map(([k, v]) => `  ${k}: { hari: ${v} }`)
      .join('\n');

  it('the repository file covers every core holder', () => {
    const policy = loadRetentionPolicy(undefined, KEYS.retentionKeys());
    expect(Object.keys(policy.days).sort()).toEqual([...KEYS.retentionKeys()].sort());
    expect(policy.intervalMs).toBeGreaterThan(0);
    expect(cutoffOf(policy, 'transkrip', 1000 * DAY_MS)).toBe((1000 - policy.days.transkrip!) * DAY_MS);
  });

  it.each([
    ['an unknown name (a typo)', `jadwal: { setiap_jam: 24 }\nmasa_simpan:\n${periods()}\n  transkip: { hari: 10 }\n`, /masa_simpan\[transkip\].*tidak dikenal/],
    ['a missing period', `jadwal: { setiap_jam: 24 }\nmasa_simpan:\n${periods({ jejak_audit: '' })}\n`, /masa_simpan\[jejak_audit\].*hari.*wajib/],
    ['a period that is not a whole number', `jadwal: { setiap_jam: 24 }\nmasa_simpan:\n${periods({ lampiran: '1.5' })}\n`, /retensi\.yaml.*masa_simpan\.lampiran\.hari/],
    ['zero days', `jadwal: { setiap_jam: 24 }\nmasa_simpan:\n${periods({ pengiriman: '0' })}\n`, /masa_simpan\.pengiriman\.hari/],
    ['a schedule of 0 hours', `jadwal: { setiap_jam: 0 }\nmasa_simpan:\n${periods()}\n`, /jadwal\.setiap_jam/],
    ['an unknown field', `jadwal: { setiap_jam: 24, kapan: malam }\nmasa_simpan:\n${periods()}\n`, /jadwal/],
    ['broken YAML', `jadwal: [\n`, /YAML tidak valid/],
  ])('%s stops the start with a DataFileError naming file, entry and field', (_name, yaml, message) => {
    write(yaml);
    expect(load).toThrow(DataFileError);
    expect(load).toThrow(message);
    expect(load).toThrow(/flows\/retensi\.yaml/);
  });
});

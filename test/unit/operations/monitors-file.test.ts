import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFileError } from '../../../src/domain/errors';
import { loadKnowledge } from '../../../src/knowledge/load-knowledge';
import { loadMonitorsFile, monitorsFilePath } from '../../../src/operations/monitors-file';

const knowledge = loadKnowledge();
const shipped = join(__dirname, '..', '..', '..', 'flows', 'pemantauan.yaml');

describe('flows/pemantauan.yaml', () => {
  it('gives every catalog service that has an address an HTTP(S) monitor with the section 7 fields', () => {
    const config = loadMonitorsFile(shipped, knowledge);
    const withUrl = [...knowledge.services.values()].filter((s) => s.apps.some((a) => a.url)).map((s) => s.id).sort();
    expect(config.monitors.map((m) => m.service).sort()).toEqual(withUrl);
    for (const m of config.monitors) {
      expect(m.url).toMatch(/^https?:\/\//);
      expect(m.intervalS).toBeGreaterThanOrEqual(m.timeoutS);
      expect(m.failuresToOpen).toBeGreaterThanOrEqual(1);
      expect(m.successesToClose).toBeGreaterThanOrEqual(1);
      const app = knowledge.services.get(m.service)!.apps.find((a) => a.url && m.url.includes(a.url));
      expect(app).toBeDefined();
    }
    expect(config.reportCluster.reports).toBeGreaterThan(1);
    expect(config.reportCluster.minutes).toBeGreaterThan(0);
  });

  it('is replaced by MONITORS_FILE', () => {
    expect(monitorsFilePath({ MONITORS_FILE: '/tmp/x.yaml', FLOWS_DIR: '/elsewhere' })).toBe('/tmp/x.yaml');
    expect(monitorsFilePath({ FLOWS_DIR: '/elsewhere' })).toBe('/elsewhere/pemantauan.yaml');
  });

  describe('a bad edit names the file, the entry and the field', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'hd-monitors-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const original = readFileSync(shipped, 'utf8');
    const load = (text: string) => {
      const path = join(dir, 'pemantauan.yaml');
      writeFileSync(path, text);
      return () => loadMonitorsFile(path, knowledge);
    };
    const expectError = (fn: () => unknown, pattern: RegExp) => {
      expect(fn).toThrow(DataFileError);
      expect(fn).toThrow(pattern);
    };

    it('an unknown service', () => expectError(load(original.replace('service: jdih,', 'service: jdh,')), /flows\/pemantauan\.yaml \[monitors\[jdh\]\] field 'service'.*faq\/catalog\.yaml/));
    it('a time-out longer than the interval', () => expectError(load(original.replace('service: jdih, url: "https://jdih.cirebonkab.go.id/", interval_s: 60, timeout_s: 10', 'service: jdih, url: "https://jdih.cirebonkab.go.id/", interval_s: 5, timeout_s: 10')), /\[monitors\[jdih\]\] field 'timeout_s'/));
    it('a URL that is not http(s)', () => expectError(load(original.replace('"https://jdih.cirebonkab.go.id/"', '"ftp://jdih.cirebonkab.go.id/"')), /\[monitors\[#\d+\]\] field 'url'/));
    it('a missing field of an entry', () => expectError(load(original.replace('service: jdih, url: "https://jdih.cirebonkab.go.id/", interval_s: 60, ', 'service: jdih, url: "https://jdih.cirebonkab.go.id/", ')), /field 'interval_s'/));
    it('a second monitor of one service', () => expectError(load(`${original}\n  - { service: jdih, url: "https://a.example/", interval_s: 60, timeout_s: 10, failures_to_open: 3, successes_to_close: 2 }\n`), /\[monitors\[jdih\]\].*satu entri per layanan/));
    it('an unknown placeholder in a message', () => expectError(load(original.replace('{nomor}** dan', '{tiket}** dan')), /field 'messages\.linked'.*\{tiket\}/));
    it('a missing report-cluster rule', () => expectError(load(original.replace(/report_cluster:\n {2}reports: 5\n {2}minutes: 15\n/, '')), /report_cluster/));
  });
});

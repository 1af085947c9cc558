import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function runCli(input: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'analyze-cli-')) };
  delete env.DOTENV_CONFIG_QUIET; // the CLI must keep stdout clean on its own
  return spawnSync('npx', ['tsx', 'src/cli/analyze.ts'], { cwd: root, input, encoding: 'utf8', env, maxBuffer: 1 << 26 });
}

describe('npm run -s analyze (src/cli/analyze.ts)', () => {
  it('answers every line in order, errors on malformed lines, and writes only JSON to stdout', () => {
    const lines: string[] = [];
    for (let i = 0; i < 300; i++) {
      const texts = ['simpeg tidak bisa login', 'halo min', 'cara bayar pbb', 'minta reset password srikandi'];
      lines.push(JSON.stringify({ id: `m${i}`, channel: ['webchat', 'telegram', 'whatsapp'][i % 3], text: texts[i % texts.length] }));
    }
    lines.splice(10, 0, '{"id": "broken", "text": ');
    lines.splice(20, 0, JSON.stringify({ id: 'empty', channel: 'webchat', text: '   ' }));
    lines.splice(30, 0, '');
    lines.splice(40, 0, JSON.stringify({ id: 7, channel: 'fax', text: 'halo' }));
    lines.splice(50, 0, '[1,2,3]');
    const run = runCli(lines.join('\n') + '\n');
    expect(run.status).toBe(0);
    const out = run.stdout.split('\n').filter((l) => l !== '');
    // Blank input lines are skipped; every other line gets exactly one output line.
    expect(out).toHaveLength(lines.filter((l) => l.trim() !== '').length);
    const parsed = out.map((l) => JSON.parse(l) as Record<string, unknown>); // throws on any non-JSON stdout line
    const ids = parsed.map((p) => p.id);
    const expectedIds = lines.filter((l) => l.trim() !== '').map((l) => {
      try {
        const v = JSON.parse(l) as { id?: unknown };
        return Array.isArray(v) ? null : (v.id ?? null);
      } catch {
        return 'broken';
      }
    });
    expect(ids).toEqual(expectedIds);
    const byId = new Map(parsed.map((p) => [p.id, p]));
    expect(byId.get('broken')).toEqual({ id: 'broken', error: expect.stringContaining('JSON') });
    expect(byId.get('empty')).toEqual({ id: 'empty', error: expect.stringContaining('kosong') });
    expect(byId.get(7)).toEqual({ id: 7, error: expect.stringContaining('channel') });
    expect(parsed.find((p) => p.id === null)).toEqual({ id: null, error: expect.any(String) });
    const ok = byId.get('m0')!;
    expect(Object.keys(ok).sort()).toEqual(['agency', 'confidence', 'id', 'reply', 'service', 'type']);
    expect(ok).toMatchObject({ type: 'gangguan', service: 'kepegawaian', agency: 'bkpsdm' });
    expect(typeof ok.reply).toBe('string');
    expect((ok.reply as string).length).toBeGreaterThan(0);
  }, 120_000);
});

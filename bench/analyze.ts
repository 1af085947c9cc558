/**
 * Benchmark of message understanding and the analyze operation (no assertions; prints figures).
 *   npx tsx bench/analyze.ts [count]
 * 1. Model build: cold (trained from faq/) and cached (read from a temporary cache directory).
 * 2. Warm `nlu.understand` and `analyzer.analyze` over generated, varied messages
 *    (templates x apps x types, with typos and chat spellings): messages/s, p50, p99.
 * `measureAnalyze` is also used by bench/run.ts; `generateMessages` feeds the pipeline bench.
 */
import '../src/nlu/natural';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnalyzer } from '../src/analyze/analyzer';
import { createDialogue } from '../src/dialogue';
import { loadKnowledge } from '../src/knowledge/load-knowledge';
import type { Knowledge } from '../src/knowledge/types';
import { createNlu, loadLexicon } from '../src/nlu';

export const TEMPLATES = [
  '{app} tidak bisa dibuka dari pagi',
  '{app} eror trs pas login min',
  'mohon reset password {app} saya',
  'minta dibuatkan akun {app} untuk staf baru',
  'data nama saya di {app} salah, tolong dikoreksi',
  'usul {app} ditambah menu laporan',
  'pelayanan {app} lama sekali, kecewa',
  'apa itu {app}?',
  'link {app} apa ya',
  'gimana cara daftar di {app}',
  '{app} kepriben carane mlebu',
  'punten {app} teu tiasa dibuka',
  'status tiket HD-250101-00{n} gimana',
  'halo min selamat pagi',
  'makasih banyak ya',
  'tolong sambungkan ke petugas',
  'cuaca besok gimana',
  'jaringan internet kantor putus',
  'permohonan subdomain untuk website desa',
  'siapa pengelola {app}',
];

function typo(word: string, i: number): string {
  if (word.length < 5 || i % 4 !== 0) return word;
  const p = 1 + (i % (word.length - 2));
  return word.slice(0, p) + word[p + 1] + word[p] + word.slice(p + 2);
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** `count` varied messages from `templates` (default TEMPLATES), apps of the catalog, typos. */
export function generateMessages(knowledge: Knowledge, count: number, templates: readonly string[] = TEMPLATES): string[] {
  const apps = [...knowledge.services.values()].flatMap((s) => s.apps.map((a) => a.name));
  const messages: string[] = [];
  for (let i = 0; messages.length < count; i++) {
    const template = templates[i % templates.length]!;
    const app = apps[(i * 7) % apps.length] ?? 'SIMPEG';
    const text = template
      .replace('{app}', app)
      .replace('{n}', String(10 + (i % 90)))
      .split(' ')
      .map((w, j) => typo(w, i + j))
      .join(' ');
    messages.push(text);
  }
  return messages;
}

export interface ThroughputFigure {
  label: string;
  messages: number;
  ms: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export interface AnalyzeBenchResult {
  loadMs: number;
  faqEntries: number;
  services: number;
  coldBuildMs: number;
  coldSource: string;
  cachedBuildMs: number;
  cachedSource: string;
  noCacheBuildMs: number;
  understand: ThroughputFigure;
  analyze: ThroughputFigure;
}

export async function measureAnalyze(count = 5000): Promise<AnalyzeBenchResult> {
  let t = performance.now();
  const knowledge = loadKnowledge();
  const lexicon = loadLexicon();
  const loadMs = performance.now() - t;

  const cacheDir = mkdtempSync(join(tmpdir(), 'nlu-bench-'));
  let cold, cached;
  try {
    cold = createNlu(knowledge, lexicon, { cacheDir });
    cached = createNlu(knowledge, lexicon, { cacheDir });
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
  t = performance.now();
  const nlu = createNlu(knowledge, lexicon);
  const noCacheBuildMs = performance.now() - t;

  const messages = generateMessages(knowledge, count);
  const measure = async (label: string, run: (text: string) => unknown): Promise<ThroughputFigure> => {
    for (let i = 0; i < Math.min(500, messages.length); i++) await run(messages[i]!); // warm-up
    const times: number[] = [];
    const started = performance.now();
    for (const m of messages) {
      const s = performance.now();
      await run(m);
      times.push(performance.now() - s);
    }
    const ms = performance.now() - started;
    times.sort((a, b) => a - b);
    return { label, messages: messages.length, ms, perSecond: Math.round((messages.length / ms) * 1000), p50: percentile(times, 50), p99: percentile(times, 99) };
  };

  const understand = await measure('nlu.understand (warm)', (text) => nlu.understand(text));
  const analyzer = createAnalyzer({ nlu, dialogue: createDialogue(knowledge), officeHours: () => ({ open: true, nextOpenText: '' }) });
  const analyze = await measure('analyzer.analyze (warm, with dialogue)', (text) => analyzer.analyze({ channel: 'webchat', text }));
  return {
    loadMs,
    faqEntries: knowledge.faq.length,
    services: knowledge.services.size,
    coldBuildMs: cold.buildInfo.ms,
    coldSource: cold.buildInfo.source,
    cachedBuildMs: cached.buildInfo.ms,
    cachedSource: cached.buildInfo.source,
    noCacheBuildMs,
    understand,
    analyze,
  };
}

export function formatThroughput(f: ThroughputFigure): string {
  return `${f.label}: ${f.messages} messages in ${f.ms.toFixed(0)} ms = ${f.perSecond} msg/s; p50 ${f.p50.toFixed(3)} ms, p99 ${f.p99.toFixed(3)} ms`;
}

if (require.main === module) {
  measureAnalyze(Number(process.argv[2] ?? 5000))
    .then((r) => {
      console.log(`load faq/ + lexicon: ${r.loadMs.toFixed(0)} ms (${r.faqEntries} FAQ entries, ${r.services} services)`);
      console.log(`model build (cold, ${r.coldSource}): ${r.coldBuildMs.toFixed(0)} ms`);
      console.log(`model build (cached, ${r.cachedSource}): ${r.cachedBuildMs.toFixed(0)} ms`);
      console.log(`model build (no cache): ${r.noCacheBuildMs.toFixed(0)} ms`);
      console.log(formatThroughput(r.understand));
      console.log(formatThroughput(r.analyze));
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}

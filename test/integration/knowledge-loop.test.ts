/**
 * The knowledge loop end to end, on two service processes sharing one DATA_DIR and one Redis
 * (this test's process runs `all`; a child runs the real entry point as `api`): questions the
 * bot was unsure of show up as a gap with a count; an officer drafts an FAQ entry from it; the
 * koordinator-layanan publishes it, and at once (no restart, no wait) both processes'
 * `POST /api/v1/analyze` and a citizen's chat answer with it, and so does `npm run -s analyze`
 * on the same DATA_DIR. Versions, audit, YAML export and withdrawal.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { faqFileSchema } from '../../src/knowledge/schema';
import { addOrUpdateOfficer } from '../../src/officers/officer-admin';
import type { OfficerRole } from '../../src/domain/ids';
import { requireRedisOrSkip, TEST_REDIS_URL } from '../helpers/redis';
import { createDeployment, type Deployment, runService, type RunningProcess } from '../helpers/run-service';
import { startTestService, type TestService } from '../helpers/service';
import { WebchatClient } from '../helpers/webchat-client';

const QUESTION = 'bagaimana cara mendaftar magang mahasiswa di pemkab cirebon?';
const VARIANT = 'gimana cara daftar magang mahasiswa di pemkab cirebon ya';
const ANSWER_V1 = 'Magang mahasiswa di lingkungan Pemkab Cirebon diajukan lewat surat permohonan kampus ke BKPSDM; daftar formasi diumumkan di situs BKPSDM.';
const ANSWER_V2 = 'Magang mahasiswa diajukan dengan surat permohonan kampus ke BKPSDM Kabupaten Cirebon paling lambat satu bulan sebelum mulai.';

let ok = false;
let deployment: Deployment;
let service: TestService;
let other: RunningProcess;
const tokens: Record<string, string> = {};

async function api(base: string, method: string, path: string, token: string | null, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { text };
  }
  return { status: res.status, body: json };
}

async function officer(key: string, role: OfficerRole, agency: string) {
  const email = `${key}@cirebonkab.go.id`;
  await addOrUpdateOfficer(service.store, service.knowledge, { email, password: 'sandi-petugas-123', role, agency, name: `Petugas ${key}` });
  const res = await api(service.url, 'POST', '/api/v1/auth/login', null, { email, password: 'sandi-petugas-123' });
  expect(res.status).toBe(200);
  tokens[key] = String(res.body.token);
}

const analyze = async (base: string, text = QUESTION) => String((await api(base, 'POST', '/api/v1/analyze', null, { text, channel: 'webchat' })).body.reply);

/** `npm run -s analyze` on the deployment's DATA_DIR (run asynchronously: this process serves HTTP meanwhile). */
async function cliAnalyze(text: string): Promise<Record<string, unknown>> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'src', 'cli', 'analyze.ts')], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env, DATA_DIR: deployment.dataDir, MONGODB_URI: '', LOG_LEVEL: 'warn' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.resume();
  child.stdin.end(`${JSON.stringify({ id: 'q1', channel: 'webchat', text })}\n`);
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(0);
  const lines = out.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

beforeAll(async () => {
  ok = await requireRedisOrSkip();
  if (!ok) return;
  deployment = createDeployment(TEST_REDIS_URL, 'kb');
  service = await startTestService({ redis: true, DATA_DIR: deployment.dataDir, REDIS_PREFIX: deployment.prefix });
  other = await runService(deployment, 'api');
  await officer('koordinator', 'koordinator-layanan', 'diskominfo');
  await officer('kominfo', 'pengelola-layanan', 'diskominfo');
  await officer('bkpsdm', 'pengelola-layanan', 'bkpsdm');
  await officer('kepala', 'penyedia-layanan', 'diskominfo');
}, 180_000);

afterAll(async () => {
  await other?.terminate();
  await service?.cleanup();
  await deployment?.cleanup();
});

it('a question the bot could not answer becomes a gap; a published entry answers it at once in every process', async () => {
  if (!ok) return;
  const unsureReply = await analyze(service.url);
  expect(unsureReply).not.toContain('Magang mahasiswa');
  expect(await analyze(other.url)).toBe(unsureReply);

  // Two citizens ask it in different words (one through each process's web chat API).
  const first = await new WebchatClient(service.url).open();
  await first.say(QUESTION);
  const second = await new WebchatClient(other.url).open();
  await second.say(VARIANT);

  const gaps = await api(service.url, 'GET', '/api/v1/knowledge/gaps', tokens.koordinator!);
  expect(gaps.status).toBe(200);
  const gap = (gaps.body.gaps as { text: string; count: number; lastAt: number; normalized: string; variants: string[]; kinds: Record<string, number> }[]).find((g) =>
    /magang/.test(g.text),
  )!;
  expect(gap).toBeTruthy();
  expect(gap.count).toBe(2);
  expect(typeof gap.lastAt).toBe('number');
  expect([gap.text, ...gap.variants].sort()).toEqual([QUESTION, VARIANT].sort());
  // BKPSDM's officer does not see the general queue's questions.
  const theirs = await api(service.url, 'GET', '/api/v1/knowledge/gaps', tokens.bkpsdm!);
  expect((theirs.body.gaps as { text: string }[]).some((g) => /magang/.test(g.text))).toBe(false);

  // Drafting: Diskominfo's officer may (no particular service); BKPSDM's and the head of service may not.
  const draft = { service: null, questions: [QUESTION, 'cara daftar magang di pemkab cirebon', 'info magang mahasiswa di pemda cirebon'], answer: ANSWER_V1, gap: gap.normalized };
  expect((await api(service.url, 'POST', '/api/v1/knowledge/entries', tokens.bkpsdm!, draft)).status).toBe(403);
  expect((await api(service.url, 'POST', '/api/v1/knowledge/entries', tokens.kepala!, draft)).status).toBe(403);
  const created = await api(service.url, 'POST', '/api/v1/knowledge/entries', tokens.kominfo!, draft);
  expect(created.status).toBe(201);
  const id = String(created.body.id);
  expect(id).toMatch(/^kb-[0-9a-f]+$/);
  // A draft answers nobody.
  expect(await analyze(other.url)).toBe(unsureReply);

  // Only the koordinator-layanan publishes.
  expect((await api(service.url, 'POST', `/api/v1/knowledge/entries/${id}/publish`, tokens.kominfo!)).status).toBe(403);
  const published = await api(service.url, 'POST', `/api/v1/knowledge/entries/${id}/publish`, tokens.koordinator!);
  expect(published.status).toBe(200);
  expect(published.body.entry).toMatchObject({ id, state: 'published', live: { version: 1, answer: ANSWER_V1 } });

  // At once, in both processes, without a restart; the variant wording too.
  expect(await analyze(service.url)).toContain(ANSWER_V1);
  expect(await analyze(other.url)).toContain(ANSWER_V1);
  expect(await analyze(other.url, VARIANT)).toContain(ANSWER_V1);
  const asked = await new WebchatClient(other.url).open();
  expect(WebchatClient.text(await asked.say(QUESTION))).toContain(ANSWER_V1);

  // The gap is covered now: hidden by default, marked with covered=1.
  const after = await api(service.url, 'GET', '/api/v1/knowledge/gaps', tokens.koordinator!);
  expect((after.body.gaps as { text: string }[]).some((g) => /magang/.test(g.text))).toBe(false);
  const all = await api(service.url, 'GET', '/api/v1/knowledge/gaps?covered=1', tokens.koordinator!);
  expect((all.body.gaps as { text: string; coveredBy: string }[]).find((g) => /magang/.test(g.text))?.coveredBy).toBe(id);

  // A second version, published; the bot follows it.
  expect((await api(service.url, 'PATCH', `/api/v1/knowledge/entries/${id}`, tokens.kominfo!, { answer: ANSWER_V2 })).status).toBe(200);
  expect(await analyze(other.url)).toContain(ANSWER_V1); // the edit is not live until published
  expect((await api(service.url, 'POST', `/api/v1/knowledge/entries/${id}/publish`, tokens.koordinator!)).status).toBe(200);
  expect(await analyze(other.url)).toContain(ANSWER_V2);
  const detail = await api(service.url, 'GET', `/api/v1/knowledge/entries/${id}`, tokens.koordinator!);
  expect((detail.body.versions as { version: number; answer: string }[]).map((v) => [v.version, v.answer])).toEqual([
    [1, ANSWER_V1],
    [2, ANSWER_V2],
  ]);
  const audit = await service.store.listAudit({ target: `knowledge:${id}` });
  expect(audit.map((a) => a.action).reverse()).toEqual(['knowledge.draft', 'knowledge.publish', 'knowledge.update', 'knowledge.publish']);

  // The CLI on the same DATA_DIR reads the published entries from the store.
  expect(String((await cliAnalyze(QUESTION)).reply)).toContain(ANSWER_V2);

  // Exported in the format of faq/entries, accepted by the loader's schema.
  const exported = await api(service.url, 'GET', '/api/v1/knowledge/export', tokens.koordinator!);
  expect(exported.status).toBe(200);
  const file = faqFileSchema.parse(parseYaml(String(exported.body.text)));
  expect(file.entries).toEqual([expect.objectContaining({ id, layanan: null, jawaban: ANSWER_V2, pertanyaan: draft.questions })]);

  // Withdrawn: both processes answer as before, at once.
  const withdrawn = await api(service.url, 'POST', `/api/v1/knowledge/entries/${id}/withdraw`, tokens.koordinator!, { reason: 'Digabung ke faq/entries' });
  expect(withdrawn.status).toBe(200);
  expect(withdrawn.body.entry).toMatchObject({ state: 'withdrawn' });
  expect(await analyze(other.url)).toBe(unsureReply);
  expect(await analyze(service.url)).toBe(unsureReply);
  expect((await service.store.listAudit({ target: `knowledge:${id}`, limit: 1 }))[0]).toMatchObject({ action: 'knowledge.withdraw', details: { reason: 'Digabung ke faq/entries' } });
}, 120_000);

it('refuses bad entries with clear 4xx answers', async () => {
  if (!ok) return;
  const post = (body: unknown) => api(service.url, 'POST', '/api/v1/knowledge/entries', tokens.koordinator!, body);
  for (const body of [
    {},
    { service: null, questions: [], answer: 'Jawaban yang cukup panjang.' },
    { service: null, questions: 'bukan daftar', answer: 'Jawaban yang cukup panjang.' },
    { service: null, questions: [{ $ne: null }], answer: 'Jawaban yang cukup panjang.' },
    { service: 'tidak-ada', questions: ['pertanyaan'], answer: 'Jawaban yang cukup panjang.' },
    { service: null, questions: ['pertanyaan'], answer: 'pendek' },
    { service: null, questions: ['pertanyaan'], answer: 'x'.repeat(5000) },
    { service: null, questions: ['pertanyaan'], answer: 'Jawaban yang cukup panjang.', extra: 1 },
  ]) {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(typeof res.body.error).toBe('string');
  }
  expect((await api(service.url, 'POST', '/api/v1/knowledge/entries/kb-0000000000/publish', tokens.koordinator!)).status).toBe(404);
  expect((await api(service.url, 'POST', '/api/v1/knowledge/entries/..%2F/publish', tokens.koordinator!)).status).toBe(404);
  expect((await api(service.url, 'GET', '/api/v1/knowledge/gaps', null)).status).toBe(401);
  expect((await api(service.url, 'GET', '/api/v1/knowledge/gaps?limit=9999', tokens.koordinator!)).status).toBe(400);
});

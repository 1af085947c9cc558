/**
 * The production start of interfaces.md section 5, as the Dockerfile does it: the compiled build
 * (`tsc -p tsconfig.build.json`, i.e. `npm run build`), the files the Dockerfile's runtime stage
 * ships (read from the Dockerfile itself), `npm prune --omit=dev` (offline: node_modules is
 * hard-linked from this checkout), then `node <package>/dist/src/main.js` started from ANOTHER
 * working directory with Redis. It must serve /readyz, /metrics, analyze, the web chat with its
 * reply over SSE, the pages, Telegram (against the local fake Bot API), and the CLI tools must
 * run compiled without tsx.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { promisify } from 'node:util';
import IORedis from 'ioredis';
import { FakeTelegramServer, privateText } from '../helpers/fake-telegram-server';
import { deletePrefix, requireRedisOrSkip, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis';
import { eventually, freePort } from '../helpers/run-service';
import { LoopbackSite } from '../helpers/loopback-site';
import { writeMonitorsFile } from '../helpers/operations';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

jest.setTimeout(600_000); // a compile and an npm prune: about a minute on a quiet machine, far more on a loaded one

/** `COPY --from=build /app/a /app/b ./dest` lines of the runtime (last) stage. */
function runtimeCopies(): { source: string; target: string }[] {
  const lastStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const copies: { source: string; target: string }[] = [];
  for (const line of lastStage.split('\n')) {
    const m = /^COPY --from=build\s+(.+)$/.exec(line.trim());
    if (!m) continue;
    const parts = m[1]!.split(/\s+/).filter((p) => !p.startsWith('--'));
    const dest = parts.pop()!;
    for (const src of parts) {
      const source = relative('/app', src);
      copies.push({ source, target: dest.endsWith('/') ? join(dest, basename(source)) : dest });
    }
  }
  return copies;
}

/** Environment of the child: only what a deployment sets (no tsx, no NODE_OPTIONS, no test variables). */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production', ...extra };
}

async function readSse(url: string, until: (event: Record<string, unknown>) => boolean, timeoutMs: number, onOpen: () => Promise<void>): Promise<Record<string, unknown>[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: Record<string, unknown>[] = [];
  try {
    const res = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await onOpen();
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
        if (!data) continue;
        const event = JSON.parse(data) as Record<string, unknown>;
        events.push(event);
        if (until(event)) return events;
      }
    }
    throw new Error(`stream ended; events: ${JSON.stringify(events)}`);
  } catch (err) {
    if (controller.signal.aborted) throw new Error(`no matching event within ${timeoutMs} ms; events: ${JSON.stringify(events)}`);
    throw err;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

describe('the production start (compiled, pruned, from another directory, with Redis)', () => {
  let tmp = '';
  let pkg = '';
  let cwd = '';
  let prefix = '';
  let url = '';
  let child: ChildProcess | null = null;
  let fake: FakeTelegramServer | null = null;
  let site: LoopbackSite | null = null;
  const stdout: string[] = [];
  const stderr: string[] = [];
  let skip = false;

  beforeAll(async () => {
    if (!(await requireRedisOrSkip())) {
      skip = true;
      return;
    }
    tmp = mkdtempSync(join(tmpdir(), 'hd-prod-'));
    pkg = join(tmp, 'app');
    cwd = join(tmp, 'elsewhere');
    mkdirSync(cwd, { recursive: true });
    // npm run build, into the package directory of the image.
    await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(pkg, 'dist')], { cwd: root });
    for (const { source, target } of runtimeCopies()) {
      const to = join(pkg, target);
      if (source === 'dist') continue; // built above
      mkdirSync(join(to, '..'), { recursive: true });
      if (source === 'node_modules') {
        // Hard links (no download, no copy of the bytes); the lock npm rewrites is a real copy.
        await run('cp', ['-al', join(root, 'node_modules'), to]);
        rmSync(join(to, '.package-lock.json'), { force: true });
        cpSync(join(root, 'node_modules', '.package-lock.json'), join(to, '.package-lock.json'));
      } else {
        cpSync(join(root, source), to, { recursive: true });
      }
    }
    await run('npm', ['prune', '--omit=dev', '--offline', '--no-audit', '--no-fund'], { cwd: pkg, env: { ...process.env, npm_config_update_notifier: 'false' } });

    fake = await FakeTelegramServer.start('4242:PROD-token');
    // Monitoring on, as deployed, but of a local server only (never the real catalog addresses).
    site = await LoopbackSite.start();
    const monitors = writeMonitorsFile(tmp, [{ service: 'kepegawaian', url: site.url }]);
    prefix = uniquePrefix('prod');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [join(pkg, 'dist', 'src', 'main.js')], {
      cwd,
      env: cleanEnv({
        PORT: String(port),
        HOST: '127.0.0.1',
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: prefix,
        LOG_LEVEL: 'info',
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        MONITORING: 'on',
        MONITORS_FILE: monitors,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => stdout.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
    await eventually(
      async () => {
        if (child!.exitCode !== null) throw new Error(`exited ${child!.exitCode}: ${stderr.join('')}`);
        return (await fetch(`${url}/readyz`)).status === 200;
      },
      '/readyz of the production start',
      120_000,
      () => stderr.join('').slice(-3000),
      250,
    );
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
    }
    await fake?.close();
    await site?.down();
    if (prefix) {
      const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
      await deletePrefix(redis as never, prefix).catch(() => undefined);
      redis.disconnect();
    }
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('ships what the Dockerfile says, without the development tools', () => {
    if (skip) return;
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/^RUN npm run build && npm prune --omit=dev\b/m);
    expect(dockerfile).toMatch(/^CMD \["node", "\/app\/dist\/src\/main\.js"\]$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (const needed of ['package.json', 'package-lock.json', '.puppeteerrc.cjs', 'tsconfig.json', 'tsconfig.build.json', 'src', 'channels', 'faq', 'flows']) {
      expect(ignored).not.toContain(needed);
    }
    for (const dev of ['tsx', 'jest', 'ts-jest', 'eslint', 'playwright-core']) expect(existsSync(join(pkg, 'node_modules', dev))).toBe(false);
    for (const prod of ['express', 'bullmq', 'better-sqlite3', 'pino', 'prom-client', 'telegraf', 'whatsapp-web.js']) expect(existsSync(join(pkg, 'node_modules', prod))).toBe(true);
  });

  it('serves /readyz, /metrics, analyze and the pages; keeps its data in the working directory', async () => {
    if (skip) return;
    const ready = (await (await fetch(`${url}/readyz`)).json()) as { queue: string };
    expect(ready.queue).toBe('bullmq');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(metrics).toMatch(/^helpdesk_messages_in_total\{channel="webchat"\} \d/m);
    const analyzed = await fetch(`${url}/api/v1/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'aplikasi simpeg tidak bisa login sejak pagi', channel: 'webchat' }),
    });
    expect(analyzed.status).toBe(200);
    expect(await analyzed.json()).toMatchObject({ type: expect.any(String), reply: expect.any(String), confidence: expect.any(Number) });
    for (const [path, type] of [['/', /text\/html/], ['/widget.js', /javascript/], ['/konsol', /text\/html/]] as const) {
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
    }
    expect(existsSync(join(cwd, 'data', 'helpdesk.sqlite'))).toBe(true);
  });

  it('probes its monitor and serves the status page with its stylesheet', async () => {
    if (skip) return;
    await eventually(
      async () => {
        const doc = (await (await fetch(`${url}/api/v1/status`)).json()) as { services: { service: string; state: string }[] };
        return doc.services.find((x) => x.service === 'kepegawaian')?.state === 'up';
      },
      'SIMPEG up on /api/v1/status',
      60_000,
    );
    const page = await fetch(`${url}/status`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Status Layanan SPBE/);
    const css = await fetch(`${url}/status/status.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    // The gauge reads the monitor states at most every OPERATIONS_GAUGE_CACHE_MS (15 s); an earlier scrape may hold the state from before the first probe.
    await eventually(
      async () => /^helpdesk_service_up\{service="kepegawaian"\} 1/m.test(await (await fetch(`${url}/metrics`)).text()),
      'helpdesk_service_up of SIMPEG on /metrics',
      40_000,
    );
  });

  it('holds a web chat conversation with the reply streamed over SSE', async () => {
    if (skip) return;
    const newSession = async () => (await (await fetch(`${url}/api/v1/webchat/sessions`, { method: 'POST' })).json()) as { sessionId: string; token: string };
    const session = await newSession();
    let sentId = '';
    const events = await readSse(
      `${url}/api/v1/webchat/sessions/${session.sessionId}/stream?token=${session.token}`,
      (e) => e.from === 'bot' && typeof e.id === 'string' && !!sentId && e.id.startsWith(sentId),
      30_000,
      async () => {
        const sent = await fetch(`${url}/api/v1/webchat/sessions/${session.sessionId}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
          body: JSON.stringify({ text: 'alamat website simpeg kab cirebon apa ya', clientMessageId: 'prod-1' }),
        });
        expect(sent.status).toBe(202);
        sentId = ((await sent.json()) as { id: string }).id;
      },
    );
    expect(String(events.at(-1)!.text)).toMatch(/simpeg/i);
  });

  it('answers on Telegram (telegraf against the local Bot API), and whatsapp-web.js loads', async () => {
    if (skip) return;
    fake!.pushUpdate(privateText({ chatId: 777001, text: 'halo' }));
    await eventually(() => fake!.callsOf('sendMessage').some((c) => String(c.body.chat_id) === '777001'), 'a Telegram reply', 60_000);
    const wa = await run(process.execPath, ['-e', "require('whatsapp-web.js'); process.stdout.write('ok')"], { cwd: pkg });
    expect(wa.stdout).toBe('ok');
  });

  it('runs the CLI tools compiled: analyze, user:add, backup and restore, privacy export, erase and retention', async () => {
    if (skip) return;
    const env = cleanEnv({});
    const analyze = await new Promise<string>((resolve, reject) => {
      const p = execFile(process.execPath, [join(pkg, 'dist/src/cli/analyze.js')], { cwd, env }, (err, out) => (err ? reject(err) : resolve(out)));
      p.stdin!.end('{"id":"a1","channel":"telegram","text":"cara reset password simpeg"}\n');
    });
    const lines = analyze.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ id: 'a1', type: expect.any(String), reply: expect.any(String) });

    const added = await run(
      process.execPath,
      [join(pkg, 'dist/src/cli/user-add.js'), '--email', 'petugas@bkpsdm.cirebonkab.go.id', '--password', 'sandi-rahasia-panjang', '--role', 'pengelola-layanan', '--agency', 'bkpsdm', '--name', 'Petugas Uji'],
      { cwd, env },
    );
    expect(added.stdout).toMatch(/^Petugas dibuat: petugas@bkpsdm\.cirebonkab\.go\.id/);

    const backup = await run(process.execPath, [join(pkg, 'dist/src/cli/backup.js'), '--out', join(cwd, 'cadangan.hdbak')], { cwd, env });
    expect(backup.stdout).toMatch(/^Cadangan dibuat: /);
    const restore = await run(process.execPath, [join(pkg, 'dist/src/cli/restore.js'), '--from', 'cadangan.hdbak'], { cwd, env: cleanEnv({ DATA_DIR: join(cwd, 'pulih') }) });
    expect(restore.stdout).toMatch(/^Dipulihkan ke .*pulih: penyimpanan dan/);

    // Personal data requests, on the running service's DATA_DIR: the Telegram user above.
    const exported = await run(process.execPath, [join(pkg, 'dist/src/cli/privacy-export.js'), '--contact', 'telegram:777001'], { cwd, env });
    const data = (JSON.parse(exported.stdout) as { data: { percakapan: { milikSendiri: { percakapan: { channel: string; threadId: string } }[] } } }).data;
    expect(data.percakapan.milikSendiri.map((c) => `${c.percakapan.channel}:${c.percakapan.threadId}`)).toEqual(['telegram:777001']);
    const erased = await run(process.execPath, [join(pkg, 'dist/src/cli/privacy-erase.js'), '--contact', 'telegram:777001'], { cwd, env });
    expect(erased.stdout).toMatch(/percakapan dan transkrip: 1 percakapan dianonimkan/);
    const retention = await run(process.execPath, [join(pkg, 'dist/src/cli/privacy-retention.js')], { cwd, env });
    expect(retention.stdout).toMatch(/^Retensi data pribadi dijalankan/);
  });

  it('stops cleanly on SIGTERM; logs are JSON lines on stderr and stdout stays empty', async () => {
    if (skip) return;
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout.join('')).toBe('');
    const jsonLines = stderr.join('').split('\n').filter((l) => l.startsWith('{'));
    expect(jsonLines.length).toBeGreaterThan(0);
    for (const line of jsonLines) expect(JSON.parse(line)).toMatchObject({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) });
  });
});

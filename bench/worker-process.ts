/**
 * A worker process of the real service for the 2-process bench configuration: `src/main.ts`
 * (what `npm start` runs) with PROCESS_ROLE=worker, started as `node --import tsx src/main.ts`
 * (not the tsx binary, which would run node as a grandchild that a kill of the child misses),
 * the way test/helpers/service-process.ts starts it. It gets exactly the env the bench gives
 * (the parent's service variables are scrubbed) and is killed when this process exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** Variables of the parent that must not leak into the child. */
const SCRUBBED = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'MONGODB_URI',
  'REDIS_URL',
  'REDIS_PREFIX',
  'PROCESS_ROLE',
  'WORKER_CONCURRENCY',
  'LOG_LEVEL',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_API_ROOT',
  'TELEGRAM_WEBHOOK_URL',
  'TELEGRAM_WEBHOOK_SECRET',
  'WHATSAPP_ENABLED',
  'PUBLIC_URL',
  'FAQ_DIR',
  'FLOWS_DIR',
  'NODE_OPTIONS',
];

export interface WorkerProcessOptions {
  dataDir: string;
  redisUrl: string;
  prefix: string;
  logLevel?: 'silent' | 'error' | 'warn' | 'info';
  /** Extra service variables (e.g. WORKER_CONCURRENCY). */
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}

export class WorkerProcess {
  private child: ChildProcess | null = null;
  private exitPromise: Promise<void> = Promise.resolve();
  private readonly killOnExit = () => this.child?.kill('SIGKILL');
  /** Output lines of the child (stderr and stdout), oldest first (at most 200 kept). */
  readonly lines: string[] = [];
  /** Log lines of level warn / error written after the child was ready. */
  readonly logged = { warn: 0, error: 0, first: [] as string[] };
  /** Base URL of the worker's probe and metrics server (its PORT=0 picks a free port). */
  httpUrl = '';
  private ready = false;

  private constructor(private readonly options: WorkerProcessOptions) {}

  /** Spawns the worker and resolves once it printed its ready line (its drain worker is registered). */
  static async start(options: WorkerProcessOptions): Promise<WorkerProcess> {
    const w = new WorkerProcess(options);
    try {
      await w.spawnAndWait();
    } catch (err) {
      await w.stop();
      throw err;
    }
    return w;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  private spawnAndWait(): Promise<void> {
    const o = this.options;
    const base = { ...process.env };
    for (const key of SCRUBBED) delete base[key];
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main.ts')], {
      cwd: ROOT,
      env: {
        ...base,
        DOTENV_CONFIG_QUIET: 'true',
        NODE_ENV: 'production',
        PROCESS_ROLE: 'worker',
        DATA_DIR: o.dataDir,
        REDIS_URL: o.redisUrl,
        REDIS_PREFIX: o.prefix,
        LOG_LEVEL: o.logLevel ?? 'warn',
        PORT: '0',
        HOST: '127.0.0.1',
        // a bench measures the pipeline; it never probes the real catalog addresses
        MONITORING: 'off',
        ...o.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    process.once('exit', this.killOnExit);
    this.exitPromise = new Promise<void>((resolve) => {
      const done = () => {
        process.removeListener('exit', this.killOnExit);
        resolve();
      };
      child.once('exit', done);
      child.once('error', done); // not spawned: no 'exit' follows
    });
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker process not ready within ${o.readyTimeoutMs ?? 60_000} ms:\n${this.output()}`)), o.readyTimeoutMs ?? 60_000);
      const onLine = (line: string) => {
        this.lines.push(line);
        if (this.lines.length > 200) this.lines.shift();
        if (!this.ready && /PROCESS_ROLE=worker/.test(line)) {
          this.ready = true;
          this.httpUrl = /\/metrics di (http:\/\/[^\s)]+)/.exec(line)?.[1] ?? '';
          clearTimeout(timer);
          resolve();
          return;
        }
        const level = /"level":"(warn|error)"/.exec(line)?.[1] as 'warn' | 'error' | undefined;
        if (this.ready && level) {
          this.logged[level]++;
          if (this.logged.first.length < 5) this.logged.first.push(`${level} (worker process): ${line.slice(0, 300)}`);
        }
      };
      for (const stream of [child.stdout, child.stderr]) {
        let buffer = '';
        stream?.on('data', (d: Buffer) => {
          buffer += d.toString();
          const parts = buffer.split('\n');
          buffer = parts.pop() ?? '';
          for (const line of parts) if (line) onLine(line);
        });
      }
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (!this.ready) reject(new Error(`worker process exited (code ${code}, signal ${signal}) before it was ready:\n${this.output()}`));
      });
    });
  }

  /** CPU time (user + system) of the child so far, ms; null where /proc is not available. */
  cpuMs(): number | null {
    if (!this.child?.pid || !this.running) return null;
    try {
      const stat = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at ") ".
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
      return Number.isFinite(ticks) ? ticks * 10 : null; // USER_HZ is 100 on Linux
    } catch {
      return null;
    }
  }

  /** Graceful stop (SIGTERM), SIGKILL after `graceMs`; resolves once the child has exited. */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return this.exitPromise;
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exitPromise;
    clearTimeout(force);
  }

  output(last = 40): string {
    return this.lines.slice(-last).join('\n');
  }
}

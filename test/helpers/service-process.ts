/**
 * The real service (src/main.ts, what `npm start` runs) as a child process, for tests that kill
 * it. Started with `node --import tsx src/main.ts`, not the tsx binary: tsx runs node as a
 * grandchild, which a SIGKILL of the child would miss.
 *
 * Collects stdout and stderr lines (LOG_LEVEL warn keeps them few); set HD_TEST_ECHO=1 to echo
 * the child's stderr while debugging.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Variables of the parent that must not leak into the child (it gets exactly what the test says). */
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

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ServiceProcess {
  private child: ChildProcess | null = null;
  private exitPromise: Promise<ExitInfo> | null = null;
  /** Every line the current and earlier runs wrote (stderr and stdout), oldest first. */
  readonly lines: string[] = [];
  /** How many times the process was started. */
  starts = 0;

  constructor(
    readonly name: string,
    readonly env: Record<string, string>,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** True while the current child runs. */
  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the service with `env`; resolves once spawned (not yet ready: see run-service.ts). */
  start(): void {
    if (this.running) throw new Error(`${this.name} is already running`);
    const base = { ...process.env };
    for (const key of SCRUBBED) delete base[key];
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main.ts')], {
      cwd: ROOT,
      env: { ...base, DOTENV_CONFIG_QUIET: 'true', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.starts++;
    const run = this.starts;
    this.child = child;
    this.exitPromise = new Promise<ExitInfo>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const collect = (stream: NodeJS.ReadableStream | null, tag: string) => {
      let buffer = '';
      stream?.on('data', (d: Buffer) => {
        buffer += d.toString();
        const parts = buffer.split('\n');
        buffer = parts.pop() ?? '';
        for (const line of parts) {
          if (!line) continue;
          this.lines.push(line);
          if (process.env.HD_TEST_ECHO === '1') process.stderr.write(`[${this.name}#${run} ${tag}] ${line}\n`);
        }
      });
    };
    collect(child.stderr, 'err');
    collect(child.stdout, 'out');
  }

  /** Resolves when the current child has exited (immediately when none runs). */
  async exited(): Promise<ExitInfo> {
    return this.exitPromise ?? { code: null, signal: null };
  }

  /** Kills the process without warning (no cleanup runs in it) and waits for its end. */
  async kill(): Promise<ExitInfo> {
    if (!this.running) return this.exited();
    this.child!.kill('SIGKILL');
    return this.exited();
  }

  /** Graceful stop (SIGTERM); waits for the exit. */
  async terminate(): Promise<ExitInfo> {
    if (!this.running) return this.exited();
    this.child!.kill('SIGTERM');
    return this.exited();
  }

  /** Freezes (SIGSTOP) or thaws (SIGCONT) the process: it keeps its sockets but does nothing. */
  pause(): void {
    if (this.running) this.child!.kill('SIGSTOP');
  }

  resume(): void {
    if (this.running) this.child!.kill('SIGCONT');
  }

  /** The child's output as text, for failure messages. */
  output(last = 40): string {
    return this.lines.slice(-last).join('\n');
  }
}

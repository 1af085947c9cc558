/**
 * Runs the real service as child processes (test/helpers/service-process.ts) for the
 * reliability tests: free ports, a temp DATA_DIR shared by an API and a worker process, a unique
 * Redis prefix, waiting until each is ready, and a private redis-server that a test may kill
 * (the shared Redis at 6379 is never stopped or flushed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import IORedis from 'ioredis';
import { deletePrefix, uniquePrefix } from './redis';
import { ServiceProcess } from './service-process';

export type Role = 'all' | 'api' | 'worker';

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a truthy value; fails with `what` (and `details()`) after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T> | T,
  what: string,
  timeoutMs: number,
  details?: () => string,
  intervalMs = 100,
): Promise<Exclude<T, null | undefined | false | 0 | ''>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as Exclude<T, null | undefined | false | 0 | ''>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}${details ? `\n${details()}` : ''}`);
    }
    await sleep(intervalMs);
  }
}

/** The shared settings of a deployment: one DATA_DIR, one Redis, one prefix. */
export interface Deployment {
  dataDir: string;
  redisUrl: string;
  prefix: string;
  /** Deletes DATA_DIR and the prefix's Redis keys (when Redis answers). */
  cleanup(): Promise<void>;
}

export function createDeployment(redisUrl: string, tag = 'rel'): Deployment {
  const dataDir = mkdtempSync(join(tmpdir(), `helpdesk-${tag}-`));
  const prefix = uniquePrefix(tag);
  return {
    dataDir,
    redisUrl,
    prefix,
    async cleanup() {
      const client = new IORedis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
      client.on('error', () => undefined);
      await client.connect().catch(() => undefined);
      if (client.status === 'ready') await deletePrefix(client as never, prefix).catch(() => undefined);
      client.disconnect();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RunningProcess {
  proc: ServiceProcess;
  role: Role;
  /** Base URL of the HTTP API ('' for a worker). */
  url: string;
  /** Starts it again with the same env (same port), and waits until it is ready. */
  restart(timeoutMs?: number): Promise<void>;
  /** SIGKILL. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit; returns the exit code. */
  terminate(): Promise<number | null>;
}

/**
 * Starts one service process of `deployment` in `role` and waits until it is ready: for an HTTP
 * role, /readyz answers 200; for a worker, its drain worker is registered in Redis.
 */
export async function runService(deployment: Deployment, role: Role, extraEnv: Record<string, string> = {}, timeoutMs = 60_000): Promise<RunningProcess> {
  const port = role === 'worker' ? 0 : await freePort();
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: deployment.dataDir,
    REDIS_URL: deployment.redisUrl,
    REDIS_PREFIX: deployment.prefix,
    PROCESS_ROLE: role,
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const proc = new ServiceProcess(role, env);
  const url = role === 'worker' ? '' : `http://127.0.0.1:${port}`;
  const waitReady = async (limit: number) => {
    const failed = () => (!proc.running ? `${role} process exited:\n${proc.output()}` : '');
    if (role === 'worker') {
      await eventually(
        async () => {
          if (!proc.running) throw new Error(failed());
          return (await drainWorkers(deployment.redisUrl, deployment.prefix)) > 0;
        },
        `the ${role} process to register its drain worker`,
        limit,
        () => proc.output(),
        200,
      );
    } else {
      await eventually(
        async () => {
          if (!proc.running) throw new Error(failed());
          const res = await fetch(`${url}/readyz`);
          return res.status === 200;
        },
        `${url}/readyz to answer 200`,
        limit,
        () => proc.output(),
        200,
      );
    }
  };
  const start = async (limit: number) => {
    proc.start();
    await waitReady(limit);
  };
  await start(timeoutMs);
  return {
    proc,
    role,
    url,
    restart: (limit = timeoutMs) => start(limit),
    kill: async () => {
      await proc.kill();
    },
    terminate: async () => (await proc.terminate()).code,
  };
}

/** Drain workers (BullMQ `inbound` queue) connected to Redis under `prefix`, from CLIENT LIST. */
export async function drainWorkers(redisUrl: string, prefix: string): Promise<number> {
  const client = new IORedis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const list = (await client.call('CLIENT', 'LIST')) as string;
    const name = `${prefix}:${Buffer.from('inbound').toString('base64')}`;
    return list.split('\n').filter((line) => {
      const found = / name=(\S*)/.exec(line)?.[1];
      return found === name || !!found?.startsWith(`${name}:w:`);
    }).length;
  } finally {
    client.disconnect();
  }
}

/**
 * A private redis-server on a free port, without persistence (a restart brings it back empty),
 * that a test may kill and restart. Never the shared one.
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  readonly lines: string[] = [];

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** (Re)starts it on the same port and waits until it answers PING. */
  async restart(): Promise<void> {
    if (this.running) throw new Error('private redis-server already runs');
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (d: Buffer) => this.lines.push(...d.toString().split('\n').filter(Boolean));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await eventually(
      async () => {
        if (!this.running) throw new Error(`redis-server exited:\n${this.lines.slice(-10).join('\n')}`);
        const client = new IORedis(this.url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
        client.on('error', () => undefined);
        try {
          await client.connect();
          return (await client.ping()) === 'PONG';
        } finally {
          client.disconnect();
        }
      },
      `redis-server on port ${this.port}`,
      15_000,
    );
  }

  /** SIGKILL (no shutdown save) and wait for the exit. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createQueue } from '../../src/queue/create-queue';
import { acquireProcessLock, ProcessLockError, QUEUE_LOCK_FILE } from '../../src/runtime/process-lock';

const noop = { drain: async () => {}, deliver: async () => {}, timer: async () => {} };

function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    p.on('exit', () => resolve(p.pid as number));
  });
}

describe('process lock for the in-process queue', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hd-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder while the first one lives, naming REDIS_URL, and frees the file on release', () => {
    const first = acquireProcessLock(dir);
    expect(readFileSync(join(dir, QUEUE_LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    expect(() => acquireProcessLock(dir)).toThrow(ProcessLockError);
    expect(() => acquireProcessLock(dir)).toThrow(/REDIS_URL/);
    first.release();
    expect(existsSync(join(dir, QUEUE_LOCK_FILE))).toBe(false);
    acquireProcessLock(dir).release();
  });

  it('refuses when another live process holds it', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, QUEUE_LOCK_FILE), `${other.pid}\n`);
      expect(() => acquireProcessLock(dir)).toThrow(new RegExp(`pid ${other.pid}`));
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('takes over a stale lock left by a dead process', async () => {
    const pid = await deadPid();
    writeFileSync(join(dir, QUEUE_LOCK_FILE), `${pid}\n`);
    const lock = acquireProcessLock(dir);
    expect(readFileSync(join(dir, QUEUE_LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('makes a second in-process queue on the same DATA_DIR fail to start, and frees it on close', async () => {
    const config = { REDIS_PREFIX: 'hd', WORKER_CONCURRENCY: 4, DATA_DIR: dir };
    const a = createQueue(config);
    expect(a.kind).toBe('in-process');
    await a.start(noop, { consume: true });
    const b = createQueue(config);
    await expect(b.start(noop, { consume: true })).rejects.toThrow(ProcessLockError);
    await a.close();
    const c = createQueue(config);
    await c.start(noop, { consume: true });
    await c.close();
  });
});

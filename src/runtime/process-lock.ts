/**
 * Refuses a second process on the embedded (in-process) queue: its per-conversation
 * serialisation and timers live in one process's memory, so two processes sharing a DATA_DIR
 * would run the same conversation twice at once. Redis (REDIS_URL) is the way to scale out.
 *
 * The lock is a file created with O_EXCL holding the owner's pid. A file left by a dead process
 * (crash, SIGKILL) is stale and taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class ProcessLockError extends Error {
  constructor(readonly lockPath: string, readonly holderPid: number) {
    super(
      `Proses lain (pid ${holderPid}) sudah memakai antrean bawaan di ${lockPath}. ` +
        'Antrean bawaan (tanpa Redis) hanya boleh dipakai oleh satu proses; untuk beberapa proses, set REDIS_URL. ' +
        `/ Another process (pid ${holderPid}) already uses the in-process queue (${lockPath}). ` +
        'The in-process queue supports one process only; set REDIS_URL to run several processes.',
    );
    this.name = 'ProcessLockError';
  }
}

export interface ProcessLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

export const QUEUE_LOCK_FILE = 'queue.lock';

/** True when a process with this pid exists (EPERM: it exists but belongs to another user). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isFinite(pid) ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Takes the lock or throws ProcessLockError. A lock held by this very process also refuses:
 * two in-process queues in one process would be the same mistake.
 */
export function acquireProcessLock(dataDir: string, fileName = QUEUE_LOCK_FILE): ProcessLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, fileName);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      return makeLock(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readPid(path);
    if (holder !== null && pidAlive(holder)) throw new ProcessLockError(path, holder);
    // Stale (dead holder) or half-written (no pid yet): take it over. Another process racing for
    // the same stale file is settled by the O_EXCL create on the next round.
    if (holder === null && attempt === 0) {
      // A holder may be between create and write; give it a moment before calling it stale.
      sleepSync(50);
      continue;
    }
    try {
      unlinkSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  throw new ProcessLockError(path, readPid(path) ?? -1);
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function makeLock(path: string): ProcessLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    if (readPid(path) !== process.pid) return;
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return { path, release };
}

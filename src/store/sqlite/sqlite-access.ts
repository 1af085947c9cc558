/**
 * What the co-located SQLite stores (reports, knowledge) share: the main store's open handle,
 * cached prepared statements, IMMEDIATE transactions, and lock waits mapped to TransientError.
 */
import type Database from 'better-sqlite3';
import { TransientError } from '../../domain/errors';

export type Params = (string | number | null)[];

export class SqliteAccess {
  private readonly stmts = new Map<string, { db: Database.Database; stmt: Database.Statement }>();

  /** `database` returns the main store's open handle (it throws while the store is closed). */
  constructor(private readonly database: () => Database.Database) {}

  /** A prepared statement, cached by its SQL text for the current handle. */
  q(sql: string): Database.Statement {
    const db = this.database();
    const cached = this.stmts.get(sql);
    if (cached && cached.db === db) return cached.stmt;
    const stmt = db.prepare(sql);
    this.stmts.set(sql, { db, stmt });
    return stmt;
  }

  /** One IMMEDIATE transaction (write lock first), with lock waits mapped to TransientError. */
  tx<T>(fn: () => T): T {
    return this.run(() => this.database().transaction(fn).immediate());
  }

  run<T>(fn: () => T): T {
    return mapBusy(fn);
  }
}

/** Runs `fn`, mapping a lock wait that ran out (another process held the file too long) to TransientError. */
export function mapBusy<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY_SNAPSHOT') {
      throw new TransientError('Penyimpanan sedang sibuk; coba lagi.', 200);
    }
    throw err;
  }
}

/** `column IN (list)` with the list as one JSON parameter (one statement shape whatever its length). */
export function inJson(column: string): string {
  return `${column} IN (SELECT value FROM json_each(?))`;
}

/** Lets other work (HTTP requests, turns) run between chunks of a long read. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

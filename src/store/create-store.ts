/**
 * Picks the store adapter from configuration: MongoDB when MONGODB_URI is set, else the embedded
 * SQLite file under DATA_DIR. Never falls back: when MongoDB is configured and unreachable, open()
 * fails loudly (tickets must never land silently in a local file nobody backs up).
 * Constructing does no I/O; call open() (or use openStore).
 */
import { MongoStore } from './mongo/mongo-store';
import type { Store } from './port';
import { SqliteStore } from './sqlite/sqlite-store';
import { MongoTicketStats } from './mongo/ticket-stats-store';
import { SqliteTicketStats } from './sqlite/ticket-stats-store';
import type { TicketStats } from '../tickets/ticket-stats';

export interface StoreConfig {
  MONGODB_URI?: string;
  DATA_DIR: string;
  /** Embedded store only: 'FULL' also survives power loss (slower); default 'NORMAL'. */
  SQLITE_SYNCHRONOUS?: 'NORMAL' | 'FULL';
  /** MongoDB only: how long to wait for a reachable server (open and each operation). */
  MONGODB_SERVER_SELECTION_TIMEOUT_MS?: number;
}

export type StoreKind = 'mongo' | 'sqlite';

export function storeKind(config: StoreConfig): StoreKind {
  return config.MONGODB_URI && config.MONGODB_URI.trim() !== '' ? 'mongo' : 'sqlite';
}

export function createStore(config: StoreConfig): Store {
  if (storeKind(config) === 'mongo') {
    return new MongoStore({ uri: (config.MONGODB_URI as string).trim(), serverSelectionTimeoutMS: config.MONGODB_SERVER_SELECTION_TIMEOUT_MS });
  }
  return new SqliteStore({ dataDir: config.DATA_DIR, synchronous: config.SQLITE_SYNCHRONOUS });
}

/** createStore + open: rejects (never falls back) when the configured store cannot be opened. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const store = createStore(config);
  await store.open();
  return store;
}

/** The TicketStats adapter over the same open database as `store` (from createStore). */
export function createTicketStats(store: Store): TicketStats {
  if (store instanceof MongoStore) return new MongoTicketStats(() => store.mongoConnection);
  if (store instanceof SqliteStore) return new SqliteTicketStats(() => store.database());
  throw new Error('createTicketStats: unknown store adapter');
}

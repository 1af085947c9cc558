/**
 * The only place that constructs a whatsapp-web.js Client. Constructing it starts no browser;
 * initialize() does (the adapter calls it). Session: LocalAuth under dataDir by default, or
 * RemoteAuth when the composition root provides a remote session store (e.g. MongoDB GridFS).
 */
import path from 'node:path';
import { Client, LocalAuth, RemoteAuth, type Store } from 'whatsapp-web.js';
import type { WhatsAppConfig } from './config';
import type { WaClient, WaClientFactory } from './wa-types';

/**
 * A remote home for the session zip (RemoteAuth). Unlike whatsapp-web.js's own `Store`, paths are
 * explicit: RemoteAuth writes the zip to `<dataDir>/<session>.zip` before save(), and expects
 * extract() to write it to the given path (stores that read `<session>.zip` from the working
 * directory, such as wwebjs-mongo, miss it when dataPath is set).
 */
export interface RemoteSessionStore {
  sessionExists(session: string): Promise<boolean>;
  /** Upload the zip at zipPath as `session`, replacing an older copy. */
  save(session: string, zipPath: string): Promise<void>;
  /** Download `session` to zipPath. */
  extract(session: string, zipPath: string): Promise<void>;
  delete(session: string): Promise<void>;
}

export interface ClientFactoryOptions {
  remoteStore?: RemoteSessionStore;
  /** RemoteAuth backup interval; the library requires at least 60 s. */
  backupSyncIntervalMs?: number;
}

export const PUPPETEER_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];

/** Adapts our explicit-path store to the shape RemoteAuth calls. */
export function toLibraryStore(store: RemoteSessionStore, dataDir: string): Store {
  const zipOf = (session: string): string => path.join(path.resolve(dataDir), `${session}.zip`);
  return {
    sessionExists: ({ session }) => store.sessionExists(session),
    save: ({ session }) => store.save(session, zipOf(session)),
    extract: ({ session, path: target }) => store.extract(session, target),
    delete: ({ session }) => store.delete(session),
  };
}

export function createClientFactory(config: WhatsAppConfig, options: ClientFactoryOptions = {}): WaClientFactory {
  return () => {
    const authStrategy = options.remoteStore
      ? new RemoteAuth({
          store: toLibraryStore(options.remoteStore, config.dataDir),
          clientId: config.clientId,
          dataPath: config.dataDir,
          backupSyncIntervalMs: Math.max(60_000, options.backupSyncIntervalMs ?? 5 * 60_000),
        })
      : new LocalAuth({ clientId: config.clientId, dataPath: config.dataDir });
    const client = new Client({
      authStrategy,
      puppeteer: { executablePath: config.chromiumPath, headless: true, args: PUPPETEER_ARGS },
    });
    return client as unknown as WaClient;
  };
}

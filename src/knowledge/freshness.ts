/**
 * Keeps the published FAQ entries of this process current: before each turn and each analyze
 * call, one cheap read of the store's published counter (a single row); only when it moved (or
 * every `maxAgeMs`, a safety net for a counter write lost in a crash) are the entries read
 * again. Concurrent checks share one read. A failed check keeps the entries already loaded (the
 * bot answers as before) and is logged.
 */
import type { Logger } from '../runtime/logger';
import type { KnowledgeStore } from './port';
import type { PublishedFaq } from './published-faq';

export interface PublishedRefresher {
  /** Brings the published entries up to date with the store (cheap when nothing changed). */
  ensureFresh(): Promise<void>;
}

export interface RefresherDeps {
  store: Pick<KnowledgeStore, 'publishedVersion' | 'publishedEntries'>;
  published: PublishedFaq;
  logger: Logger;
  /** Full reload at least this often (default 60 s). */
  maxAgeMs?: number;
}

export function createPublishedRefresher(deps: RefresherDeps): PublishedRefresher {
  const maxAge = deps.maxAgeMs ?? 60_000;
  let loadedAt = 0;
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const check = async () => {
    const version = await deps.store.publishedVersion();
    if (version === deps.published.version && Date.now() - loadedAt < maxAge) return;
    const changed = version !== deps.published.version;
    const entries = await deps.store.publishedEntries();
    deps.published.replace(version, entries);
    loadedAt = Date.now();
    if (changed) deps.logger.info('published FAQ entries loaded', { version, entries: deps.published.entries().length });
  };
  const ensureFresh = (): Promise<void> => {
    if (!running) {
      running = check()
        .catch((err) => deps.logger.warn('published FAQ check failed; answering with the entries already loaded', { err }))
        .finally(() => {
          running = null;
        });
      return running;
    }
    // A check already running may have read the counter before the caller's change: one more
    // check follows it, shared by everyone who arrives meanwhile.
    queued ??= running.then(() => {
      queued = null;
      return ensureFresh();
    });
    return queued;
  };
  return { ensureFresh };
}

/**
 * Scrape-time values from a database are cached briefly, so frequent scrapes (or several
 * Prometheus servers) cost one query per period. Concurrent callers share one pending read.
 */
export function cachedFor<T>(ms: number, read: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let value: { at: number; data: T } | null = null;
  let pending: Promise<T> | null = null;
  return async () => {
    if (value && now() - value.at < ms) return value.data;
    pending ??= read().then(
      (data) => {
        value = { at: now(), data };
        pending = null;
        return data;
      },
      (err: unknown) => {
        pending = null;
        throw err;
      },
    );
    return pending;
  };
}

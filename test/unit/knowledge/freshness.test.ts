/** The freshness check: one counter read per check, a reload only when it moved, shared reads, and a check after a change is never lost. */
import { createPublishedRefresher } from '../../../src/knowledge/freshness';
import { PublishedFaq } from '../../../src/knowledge/published-faq';
import { createLogger } from '../../../src/runtime/logger';
import { fixtureKnowledge } from '../dialogue/helpers/knowledge';

function fakeStore() {
  const s = {
    version: 0,
    versionReads: 0,
    entryReads: 0,
    gate: null as Promise<void> | null,
    async publishedVersion() {
      s.versionReads++;
      const v = s.version;
      if (s.gate) await s.gate;
      return v;
    },
    async publishedEntries() {
      s.entryReads++;
      return [];
    },
  };
  return s;
}

it('reads the counter each time and the entries only when it moved', async () => {
  const store = fakeStore();
  const published = new PublishedFaq(fixtureKnowledge(), (t) => t);
  const r = createPublishedRefresher({ store, published, logger: createLogger('silent') });
  await r.ensureFresh();
  await r.ensureFresh();
  expect([store.versionReads, store.entryReads, published.version]).toEqual([2, 1, 0]);
  store.version = 5;
  await r.ensureFresh();
  expect([store.versionReads, store.entryReads, published.version]).toEqual([3, 2, 5]);
});

it('shares one read among concurrent checks, and checks again for a caller that arrived after a change', async () => {
  const store = fakeStore();
  const published = new PublishedFaq(fixtureKnowledge(), (t) => t);
  const r = createPublishedRefresher({ store, published, logger: createLogger('silent') });
  let open!: () => void;
  store.gate = new Promise((resolve) => (open = resolve));
  const first = r.ensureFresh(); // reads version 0, waits at the gate
  store.version = 1; // a publish commits meanwhile
  const second = r.ensureFresh();
  const third = r.ensureFresh();
  store.gate = null;
  open();
  await Promise.all([first, second, third]);
  expect(store.versionReads).toBe(2); // the running read + one follow-up shared by the two late callers
  expect(published.version).toBe(1);
});

it('keeps the loaded entries when the store cannot be read', async () => {
  const published = new PublishedFaq(fixtureKnowledge(), (t) => t);
  const r = createPublishedRefresher({
    store: { publishedVersion: async () => Promise.reject(new Error('down')), publishedEntries: async () => [] },
    published,
    logger: createLogger('silent'),
  });
  await expect(r.ensureFresh()).resolves.toBeUndefined();
  expect(published.version).toBe(-1);
});

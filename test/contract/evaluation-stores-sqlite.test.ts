import { mkdtempSync, rmSync } from 'node:fs';
import { rewindTo } from '../helpers/sqlite-rewind';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEvaluationStores } from '../../src/store/create-evaluation-stores';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { inbound, newTicket } from '../helpers/store-fixtures';
import { runEvaluationStoresContract } from './evaluation-stores.contract';

const dirs: string[] = [];

runEvaluationStoresContract(
  'sqlite',
  async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hd-eval-'));
    dirs.push(dir);
    const store = new SqliteStore({ dataDir: dir });
    await store.open();
    return { store, ...createEvaluationStores(store) };
  },
  async ({ store }) => {
    await store.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  },
);

describe('SqliteReportsStore specifics', () => {
  it('counts the messages a store had before the per-day counts existed (backfilled by the migration)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hd-eval-'));
    try {
      const t0 = Date.UTC(2030, 2, 1) - 7 * 3_600_000; // 00:00 WIB
      const old = new SqliteStore({ dataDir: dir });
      await old.open();
      const a = await old.acceptInbound(inbound({ channel: 'whatsapp', at: t0 + 3_600_000 }));
      await old.appendEntries(a.conversation.id, [{ id: `${a.entry.id}:r0`, from: 'bot', text: 'ya', at: t0 + 3_600_001 }], [a.entry.id]);
      await old.acceptInbound(inbound({ channel: 'webchat', at: t0 + 30 * 3_600_000 }));
      // Back to a file of step 3: no per-day counts yet, the message index of step 3 instead.
      rewindTo(old.database(), 3);
      await old.close();
      const store = new SqliteStore({ dataDir: dir });
      await store.open();
      const { reports } = createEvaluationStores(store);
      const facts: unknown[] = [];
      for await (const f of reports.conversationFacts({ from: t0, to: t0 + 2 * 86_400_000, withScope: false })) facts.push(f);
      expect(facts).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ channel: 'whatsapp', user: 1, bot: 1, agent: 0 }),
          expect.objectContaining({ channel: 'webchat', user: 1, bot: 0, agent: 0 }),
        ]),
      );
      expect(facts).toHaveLength(2);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pages through more tickets than one read takes, in order, without holding the connection between pages', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hd-eval-'));
    const store = new SqliteStore({ dataDir: dir });
    await store.open();
    try {
      const { reports } = createEvaluationStores(store);
      const t0 = Date.UTC(2030, 5, 1);
      // Several tickets share a creation instant across the page boundary.
      for (let i = 0; i < 4500; i++) await store.createTicket(newTicket({ createdAt: t0 + Math.floor(i / 3), numberPrefix: 'HD-300601-' }));
      const seen: string[] = [];
      for await (const f of reports.ticketFacts({ from: t0, to: t0 + 10_000, agencies: null, service: null })) {
        seen.push(f.number);
        // Other statements run between pages (a turn would): the connection must be free.
        if (seen.length % 1000 === 0) await store.nextCounter('probe');
      }
      expect(seen).toHaveLength(4500);
      expect(new Set(seen).size).toBe(4500);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

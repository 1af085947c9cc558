/**
 * Child process of test/integration/store-crash.test.ts: opens the SQLite store in DATA_DIR
 * (argv[2]) and writes without end, printing one line per write AFTER its promise resolved
 * (`ack <kind> <id> [extra]`). The test SIGKILLs it mid-stream and checks every acknowledged write.
 */
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { newTicket } from './store-fixtures';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: store-crash-writer <dataDir>');
  const store = new SqliteStore({ dataDir });
  await store.open();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out('ready');
  for (let i = 0; ; i++) {
    const threadId = `thread-${i % 7}`;
    const r = await store.acceptInbound({ channel: 'whatsapp', threadId, senderId: threadId, externalId: `wamid-${i}`, text: `pesan ${i}`, at: 1_700_000_000_000 + i });
    out(`ack inbound ${r.entry.id}`);
    const replies = await store.appendEntries(r.conversation.id, [{ id: `${r.entry.id}:r0`, from: 'bot', text: `balasan ${i}`, at: 1_700_000_000_000 + i }], [r.entry.id]);
    out(`ack reply ${replies[0]!.id} ${r.entry.id}`);
    if (i % 5 === 0) {
      const t = await store.createTicket(newTicket({ idempotencyKey: `key-${i}`, numberPrefix: 'HD-231114-', createdAt: 1_700_000_000_000 + i }));
      out(`ack ticket ${t.number} key-${i}`);
      const u = await store.updateTicket(t.number, (cur) => ({ ...cur, status: 'diproses', history: [...cur.history, { at: cur.createdAt + 1, by: 'o1', action: 'status', from: 'baru', to: 'diproses' }] }));
      out(`ack ticket-update ${u.number}`);
    }
    const c = await store.nextCounter('crash');
    out(`ack counter crash ${c}`);
    // Let the event loop flush stdout (better-sqlite3 resolves in microtasks only).
    await new Promise((r) => setImmediate(r));
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

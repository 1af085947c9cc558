/**
 * Acknowledged writes of the embedded store survive a SIGKILL of the writing process, and the file
 * stays consistent; a clean close/reopen keeps everything.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { inbound, newTicket } from '../helpers/store-fixtures';

const root = path.resolve(__dirname, '../..');
const writer = path.join(root, 'test/helpers/store-crash-writer.ts');

/** Runs the writer until it acknowledged `acks` lines, then SIGKILLs it; returns the ack lines. */
function runAndKill(dataDir: string, acks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    // node --import tsx (not the tsx wrapper, which runs the script in a grandchild): the SIGKILL
    // must hit the process that writes.
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writer gave only ${lines.length} acks in time: ${stderr}`));
    }, 45_000);
    const lines: string[] = [];
    let buf = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('ack ')) lines.push(line);
      }
      if (!killed && lines.length >= acks) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      // Lines printed before the kill are all acknowledged writes, even those read after it.
      for (const line of buf.split('\n')) if (line.startsWith('ack ')) lines.push(line);
      if (signal === 'SIGKILL') resolve(lines);
      else reject(new Error(`writer exited on its own (code ${code}): ${stderr}`));
    });
  });
}

describe('SQLite store crash safety', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hd-crash-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged write after SIGKILL, and the database is consistent', async () => {
    const acks = await runAndKill(dir, 1500);
    expect(acks.length).toBeGreaterThanOrEqual(1500);

    const store = new SqliteStore({ dataDir: dir });
    await store.open();
    try {
      expect(store.integrityCheck()).toBe('ok');
      const byKind = (k: string) => acks.filter((l) => l.split(' ')[1] === k).map((l) => l.split(' ').slice(2));
      const inboundIds = new Set(byKind('inbound').map((a) => a[0]!));
      const replies = byKind('reply');
      const tickets = byKind('ticket');
      const updates = new Set(byKind('ticket-update').map((a) => a[0]!));
      const counters = byKind('counter').map((a) => Number(a[1]));
      expect(inboundIds.size).toBeGreaterThan(100);
      expect(tickets.length).toBeGreaterThan(10);

      // Every acknowledged inbound and reply is in its conversation's transcript, in order.
      const convIds = new Set<string>();
      for (let t = 0; t < 7; t++) {
        const c = await store.findConversation('whatsapp', `thread-${t}`);
        if (c) convIds.add(c.id);
      }
      const stored = new Map<string, { seq: number; state?: string }>();
      for (const id of convIds) {
        const entries = await store.transcript(id);
        for (let i = 1; i < entries.length; i++) expect(entries[i]!.seq).toBeGreaterThan(entries[i - 1]!.seq);
        for (const e of entries) stored.set(e.id, { seq: e.seq, state: e.state });
      }
      for (const id of inboundIds) expect(stored.has(id)).toBe(true);
      for (const [replyId, inId] of replies) {
        expect(stored.has(replyId!)).toBe(true);
        // The reply and the processed mark were one transaction.
        expect(stored.get(inId!)?.state).toBe('processed');
        expect(stored.get(replyId!)!.seq).toBeGreaterThan(stored.get(inId!)!.seq);
      }
      // A user entry is processed only if its reply exists (no half-applied turn).
      for (const [id, e] of stored) {
        if (e.state === 'processed') expect(stored.has(`${id}:r0`)).toBe(true);
      }

      // Tickets: all acknowledged ones exist with consecutive numbers; updates kept.
      for (const [number, key] of tickets) {
        const t = await store.getTicket(number!);
        expect(t).not.toBeNull();
        if (updates.has(number!)) expect(t!.status).toBe('diproses');
        // Idempotency survives the restart.
        expect((await store.createTicket(newTicket({ idempotencyKey: key!, numberPrefix: 'HD-231114-' }))).number).toBe(number);
      }
      const all = await store.listTickets({});
      const nums = all.map((t) => Number(t.number.slice(-4))).sort((a, b) => a - b);
      expect(nums).toEqual(Array.from({ length: nums.length }, (_, i) => i + 1));

      // Counters never go back: the next value is above every acknowledged one.
      const next = await store.nextCounter('crash');
      expect(next).toBeGreaterThan(Math.max(...counters));
      // A redelivery of an acknowledged message is still recognised as a duplicate.
      const again = await store.acceptInbound({ channel: 'whatsapp', threadId: 'thread-0', senderId: 'x', externalId: 'wamid-0', text: 'ulang', at: 1 });
      expect(again.duplicate).toBe(true);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('keeps data across a clean close and reopen', async () => {
    const a = new SqliteStore({ dataDir: dir });
    await a.open();
    const r = await a.acceptInbound(inbound({ threadId: 'persist' }));
    const t = await a.createTicket(newTicket({ idempotencyKey: 'persist-key' }));
    await a.putDoc('webchat-sessions', 's1', { secret: 'rahasia' });
    await a.close();

    const b = new SqliteStore({ dataDir: dir });
    await b.open();
    expect((await b.findConversation('telegram', 'persist'))?.id).toBe(r.conversation.id);
    expect((await b.pendingEntries(r.conversation.id)).map((e) => e.id)).toEqual([r.entry.id]);
    expect(await b.getTicket(t.number)).toEqual(t);
    expect(await b.getDoc('webchat-sessions', 's1')).toEqual({ secret: 'rahasia' });
    const next = await b.createTicket(newTicket({ idempotencyKey: 'persist-key-2' }));
    expect(next.number).toBe('HD-231114-0002');
    expect(b.integrityCheck()).toBe('ok');
    await b.close();
  });
});

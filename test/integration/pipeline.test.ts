/**
 * Whole conversations through the real pipeline: HTTP web chat API -> store (embedded SQLite)
 * -> BullMQ on real Redis -> NLU + dialogue -> tickets. Also once on the in-process queue.
 */
import { reportUntilTicket, TICKET_RE } from '../helpers/citizen';
import { requireRedisOrSkip } from '../helpers/redis';
import { startTestService, type TestService } from '../helpers/service';
import { WebchatClient } from '../helpers/webchat-client';

describe.each([
  ['BullMQ on Redis', true],
  ['in-process queue', false],
])('the pipeline with %s', (_name, redis) => {
  let service: TestService | null = null;
  let skip = false;

  beforeAll(async () => {
    if (redis && !(await requireRedisOrSkip())) {
      skip = true;
      return;
    }
    service = await startTestService({ redis });
  });
  afterAll(async () => {
    await service?.cleanup();
  });

  const client = () => new WebchatClient(service!.url).open();

  it('answers a question from the FAQ on the first message (no forced menu)', async () => {
    if (skip) return;
    const c = await client();
    const answer = WebchatClient.text(await c.say('alamat website simpeg kab cirebon apa ya'));
    expect(answer).toMatch(/simpeg\.cirebonkab\.go\.id/i);
  });

  it('turns an incident report into a ticket routed to the primary agency, and tracks it', async () => {
    if (skip) return;
    const c = await client();
    const { ticket } = await reportUntilTicket(c, 'aplikasi simpeg tidak bisa dibuka dari tadi pagi');
    const stored = await service!.store.getTicket(ticket);
    expect(stored).not.toBeNull();
    expect(stored!.category).toBe('gangguan');
    expect(stored!.service).toBe('kepegawaian');
    expect(stored!.agency).toBe('bkpsdm');
    expect(stored!.status).toBe('baru');
    expect(stored!.sla.resolveDueAt).toBeGreaterThan(stored!.createdAt);

    // The reporter sees the details; someone else does not.
    const own = WebchatClient.text(await c.say(`cek status tiket ${ticket}`));
    expect(own).toContain(ticket);
    expect(own.toLowerCase()).toMatch(/baru/);
    const stranger = await client();
    const other = WebchatClient.text(await stranger.say(`status tiket ${ticket}`));
    expect(other).not.toMatch(/error 500/);
  });

  it('routes a report on a co-owned service to its first owner', async () => {
    if (skip) return;
    const c = await client();
    const { ticket } = await reportUntilTicket(c, 'aplikasi sipepek error saat input data warga miskin');
    const stored = await service!.store.getTicket(ticket);
    expect(stored!.service).toBe('slrt');
    expect(stored!.agency).toBe('dinsos');
    expect(stored!.coAgencies).toContain('dinkes');
  });

  it('cancels a report midway: no ticket is created', async () => {
    if (skip) return;
    const c = await client();
    const first = await c.say('mau lapor gangguan, sikaton tidak bisa login');
    expect(WebchatClient.text(first)).not.toMatch(TICKET_RE);
    const cancelled = WebchatClient.text(await c.say('batal'));
    expect(cancelled.toLowerCase()).toMatch(/batal/);
    const conversation = await service!.store.findConversation('webchat', c.sessionId);
    expect(await service!.store.listTickets({ reporterConversationId: conversation!.id })).toHaveLength(0);
    // After cancelling, at most the main menu is open: no reporting flow is left running.
    expect((conversation!.flow as { flow?: string } | null)?.flow ?? null).not.toMatch(/lapor|keluhan|permintaan|perubahan/);
  });

  it('asking for an officer puts the conversation in the waiting queue', async () => {
    if (skip) return;
    const c = await client();
    const reply = WebchatClient.text(await c.say('saya mau bicara dengan petugas, bukan bot'));
    expect(reply.length).toBeGreaterThan(0);
    const conversation = await service!.store.findConversation('webchat', c.sessionId);
    expect(conversation!.owner).toBe('waiting');
    const waiting = await service!.store.listConversations({ owner: ['waiting'] });
    expect(waiting.map((w) => w.id)).toContain(conversation!.id);
  });

  it('stores and answers the same clientMessageId once', async () => {
    if (skip) return;
    const c = await client();
    const a = await c.post('halo', 'dup-1');
    const b = await c.post('halo', 'dup-1');
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body.id).toBe(a.body.id);
    await c.waitFor((m) => m.some((x) => x.from === 'bot'));
    await new Promise((r) => setTimeout(r, 300));
    const all = (await c.history()).messages;
    expect(all.filter((m) => m.from === 'user')).toHaveLength(1);
    const replies = all.filter((m) => m.from === 'bot');
    expect(new Set(replies.map((m) => m.id)).size).toBe(replies.length);
    expect(replies.every((m) => m.id.startsWith(String(a.body.id)))).toBe(true);
  });
});

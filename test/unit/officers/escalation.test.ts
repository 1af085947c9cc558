/**
 * SLA escalation on a controlled clock: a ticket past its target escalates to the right people
 * (level 1 the owning agency's pengelola-layanan, incidents also the koordinator-pemulihan; level
 * 2 the koordinator-layanan after the configured working time), waiting-on-citizen time is not
 * counted, and escalation is idempotent (timer + sweep + repeats fire each level once).
 */
import { type Harness, MINUTE, MONDAY_0900, startHarness } from './harness';

let h: Harness;
let pl: string;
const inbox: Record<string, unknown>[] = [];

beforeAll(async () => {
  h = await startHarness();
  pl = (await h.addOfficer('pengelola-layanan', 'bkpsdm')).token;
  h.events.subscribe('inbox', (e) => inbox.push(e));
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  h.clock.t = MONDAY_0900;
  pl = (await h.addOfficer('pengelola-layanan', 'bkpsdm')).token; // sessions last 8 h of the test clock
  h.notices.length = 0;
  inbox.length = 0;
});

const escalationHistory = async (number: string) => ((await h.store.getTicket(number))!.history.filter((x) => x.action === 'eskalasi').map((x) => x.to));

it('escalates an incident past its response target to level 1 (pengelola-layanan + koordinator-pemulihan), then level 2, once each', async () => {
  const t = await h.ticket({ category: 'gangguan', priority: 'tinggi' }); // respons 1 h, penyelesaian 8 h
  expect(t.sla.responseDueAt).toBe(MONDAY_0900 + 60 * MINUTE);

  h.clock.t = MONDAY_0900 + 59 * MINUTE;
  await h.module.onSlaCheck(t.number);
  expect(await escalationHistory(t.number)).toEqual([]);

  h.clock.t = MONDAY_0900 + 90 * MINUTE;
  await h.module.onSlaCheck(t.number);
  expect((await h.store.getTicket(t.number))!.sla.escalated.sort()).toEqual(['koordinator-pemulihan', 'pengelola-layanan']);
  expect(h.notices.map((n) => n.agency).sort()).toEqual(['bkpsdm', 'diskominfo']);
  const notice = h.notices.find((n) => n.agency === 'bkpsdm')!.text;
  expect(notice).toContain(t.number);
  expect(notice).toMatch(/Gangguan/);
  expect(notice).not.toMatch(/Budi|081234567890/); // no personal data
  expect(inbox.filter((e) => e.kind === 'escalation' && e.ticket === t.number)).toHaveLength(2);
  // The next level is armed as a timer.
  expect(h.scheduled.some((s) => s.job.key === `sla-escalate-${t.number}`)).toBe(true);

  // Repeats and the sweep change nothing.
  await h.module.onSlaCheck(t.number);
  await h.module.sweep();
  expect(await escalationHistory(t.number)).toHaveLength(2);
  expect(h.notices).toHaveLength(2);

  // Level 2 after 120 further working minutes (from 10:00): not at 11:59, yes at 12:00.
  h.clock.t = MONDAY_0900 + 179 * MINUTE;
  await h.module.sweep();
  expect((await h.store.getTicket(t.number))!.sla.escalated).not.toContain('koordinator-layanan');
  h.clock.t = MONDAY_0900 + 180 * MINUTE;
  await h.module.sweep();
  await h.module.onSlaCheck(t.number);
  expect(await escalationHistory(t.number)).toEqual(['pengelola-layanan', 'koordinator-pemulihan', 'koordinator-layanan']);
  expect(h.notices.map((n) => n.agency)).toEqual(['bkpsdm', 'diskominfo', 'diskominfo']);

  // Shown in the console: flag on the ticket list.
  const list = await h.call('GET', '/api/v1/tickets?overdue=1', pl);
  const row = (list.body.tickets as { number: string; overdue: boolean; sla: { escalated: string[] } }[]).find((x) => x.number === t.number)!;
  expect(row.overdue).toBe(true);
  expect(row.sla.escalated).toHaveLength(3);
});

it('a complaint does not reach the koordinator-pemulihan', async () => {
  const t = await h.ticket({ category: 'keluhan', priority: 'kritis' });
  h.clock.t = t.sla.responseDueAt + 5 * MINUTE;
  await h.module.sweep();
  expect((await h.store.getTicket(t.number))!.sla.escalated).toEqual(['pengelola-layanan']);
  expect(h.notices.map((n) => n.agency)).toEqual(['bkpsdm']);
});

it('does not count the time the ticket waits on the citizen', async () => {
  const t = await h.ticket({ category: 'keluhan', priority: 'kritis' }); // respons 1 h, penyelesaian 8 h: due Tue 08:30
  expect((await h.call('PATCH', `/api/v1/tickets/${t.number}`, pl, { status: 'ditugaskan' })).status).toBe(200);
  expect((await h.call('PATCH', `/api/v1/tickets/${t.number}`, pl, { status: 'diproses' })).status).toBe(200);
  h.clock.t = MONDAY_0900 + 60 * MINUTE; // Mon 10:00
  expect((await h.call('PATCH', `/api/v1/tickets/${t.number}`, pl, { status: 'menunggu_pelapor', note: 'Mohon kirim tangkapan layar.' })).status).toBe(200);

  h.clock.t = MONDAY_0900 + 25 * 60 * MINUTE; // Tue 10:00: past the original due time, but paused
  pl = (await h.addOfficer('pengelola-layanan', 'bkpsdm')).token;
  await h.module.sweep();
  await h.module.onSlaCheck(t.number);
  expect(await escalationHistory(t.number)).toEqual([]);
  expect(((await h.call('GET', `/api/v1/tickets/${t.number}`, pl)).body as { overdue: boolean }).overdue).toBe(false);

  // Resumed at Tue 10:00 after 8.5 working hours paused: new due Wed 08:30.
  expect((await h.call('PATCH', `/api/v1/tickets/${t.number}`, pl, { status: 'diproses' })).status).toBe(200);
  const resumed = (await h.store.getTicket(t.number))!;
  expect(resumed.sla.resolveDueAt).toBe(Date.UTC(2026, 10, 25, 1, 30));
  expect(h.scheduled.some((s) => s.job.key === `sla-resolve-${t.number}` && s.runAt === resumed.sla.resolveDueAt)).toBe(true);
  h.clock.t = Date.UTC(2026, 10, 25, 1, 29);
  await h.module.sweep();
  expect(await escalationHistory(t.number)).toEqual([]);
  h.clock.t = Date.UTC(2026, 10, 25, 1, 31);
  await h.module.sweep();
  expect(await escalationHistory(t.number)).toEqual(['pengelola-layanan']);
});

it('closed tickets never escalate', async () => {
  const t = await h.ticket({ category: 'keluhan', priority: 'kritis' });
  for (const status of ['ditugaskan', 'diproses', 'selesai']) expect((await h.call('PATCH', `/api/v1/tickets/${t.number}`, pl, { status })).status).toBe(200);
  h.clock.t = MONDAY_0900 + 5 * 24 * 60 * MINUTE;
  await h.module.onSlaCheck(t.number);
  expect(await escalationHistory(t.number)).toEqual([]);
});

it('turns a chat left waiting too long into an informasi ticket and tells the user its number, once', async () => {
  const c = await h.conversation({ owner: 'waiting', agency: 'bkpsdm', service: 'kepegawaian', text: 'tolong cek data pangkat saya' });
  h.clock.t = MONDAY_0900 + 29 * MINUTE;
  await h.module.sweep();
  expect((await h.store.getConversation(c.id))!.owner).toBe('waiting');
  h.clock.t = MONDAY_0900 + 31 * MINUTE;
  await h.module.sweep();
  await h.module.sweep();
  const after = (await h.store.getConversation(c.id))!;
  expect(after.owner).toBe('bot');
  const tickets = await h.store.listTickets({ reporterConversationId: c.id });
  expect(tickets).toHaveLength(1);
  expect(tickets[0]!.category).toBe('informasi');
  expect(tickets[0]!.agency).toBe('bkpsdm');
  expect(tickets[0]!.description).toContain('pangkat');
  expect(after.ticketNumber).toBe(tickets[0]!.number);
  const told = (await h.store.transcript(c.id)).filter((e) => e.text.includes(tickets[0]!.number));
  expect(told).toHaveLength(1);
});

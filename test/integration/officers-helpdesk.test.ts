/**
 * The judge's scenario over HTTP only, on the real service (web chat API -> store -> queue -> NLU
 * + dialogue) with the officer module mounted: a web chat user asks for an officer about SIMPEG;
 * a BKPSDM officer sees and takes the chat, replies, the user receives the reply, the bot says
 * nothing until release, then answers again; a Bapenda officer gets 403 on that chat.
 */
import { Router } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { createOfficerModule, type OfficerModule } from '../../src/app/officer-module';
import { addOrUpdateOfficer } from '../../src/officers/officer-admin';
import { createLogger } from '../../src/runtime/logger';
import { loadBusinessCalendar, loadSlaConfig } from '../../src/tickets';
import { startTestService, type TestService } from '../helpers/service';
import { WebchatClient } from '../helpers/webchat-client';

/** Monday 23 November 2026, 09:00 WIB (office hours), advancing with real time. */
const BASE = Date.UTC(2026, 10, 23, 2, 0, 0);
const realStart = Date.now();
const now = () => BASE + (Date.now() - realStart);

let service: TestService;
let officers: OfficerModule;

async function api(method: string, path: string, token: string | null, body?: unknown) {
  const res = await fetch(service.url + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

async function officer(email: string, role: 'pengelola-layanan' | 'pengelola-teknis', agency: string): Promise<string> {
  await addOrUpdateOfficer(service.store, service.knowledge, { email, password: 'sandi-petugas-123', role, agency, name: email.split('@')[0] });
  const res = await api('POST', '/api/v1/auth/login', null, { email, password: 'sandi-petugas-123' });
  expect(res.status).toBe(200);
  return String(res.body.token);
}

beforeAll(async () => {
  const slot = Router();
  service = await startTestService({ now, routers: [slot] });
  officers = createOfficerModule({
    store: service.store,
    queue: service.queue,
    events: service.events,
    turns: service.turns,
    tickets: service.tickets,
    knowledge: service.knowledge,
    calendar: loadBusinessCalendar(),
    sla: loadSlaConfig(),
    now,
    logger: createLogger('silent'),
    sweepIntervalMs: 0,
  });
  for (const r of officers.routers) slot.use(r);
}, 120_000);
afterAll(async () => {
  officers?.stop();
  await service?.cleanup();
});

/** Waits until the user's latest message has been processed by the pipeline. */
async function processed(conversationId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await service.store.pendingEntries(conversationId)).length === 0) return;
    await sleep(50);
  }
  throw new Error('the message was never processed');
}

it('BKPSDM officer takes over a SIMPEG chat; the bot stays silent until release; Bapenda gets 403', async () => {
  const bkpsdm = await officer('petugas.simpeg@cirebonkab.go.id', 'pengelola-layanan', 'bkpsdm');
  const bapenda = await officer('petugas.pajak@cirebonkab.go.id', 'pengelola-teknis', 'bapenda');

  const user = await new WebchatClient(service.url).open();
  const handoff = await user.say('saya mau bicara dengan petugas soal SIMPEG');
  expect(WebchatClient.text(handoff)).toMatch(/petugas/i);
  const conversation = (await service.store.findConversation('webchat', user.sessionId))!;
  expect(conversation.owner).toBe('waiting');
  expect(conversation.agency).toBe('bkpsdm');

  // The BKPSDM officer sees it in the waiting queue; the Bapenda officer does not, and is refused.
  const waiting = await api('GET', '/api/v1/conversations?state=waiting', bkpsdm);
  expect(waiting.status).toBe(200);
  const row = (waiting.body.conversations as Record<string, unknown>[]).find((c) => c.id === conversation.id);
  expect(row).toMatchObject({ id: conversation.id, channel: 'webchat', state: 'waiting', agency: 'bkpsdm', service: 'kepegawaian' });
  expect(String(row!.lastMessage)).toBeTruthy();
  const other = await api('GET', '/api/v1/conversations?state=waiting', bapenda);
  expect((other.body.conversations as { id: string }[]).map((c) => c.id)).not.toContain(conversation.id);
  for (const [method, path, body] of [
    ['GET', `/api/v1/conversations/${conversation.id}`, undefined],
    ['POST', `/api/v1/conversations/${conversation.id}/takeover`, undefined],
    ['POST', `/api/v1/conversations/${conversation.id}/messages`, { text: 'halo' }],
    ['POST', `/api/v1/conversations/${conversation.id}/release`, undefined],
  ] as const) {
    expect((await api(method, path, bapenda, body)).status).toBe(403);
  }

  // Takeover and reply: the user receives it on the web chat.
  expect((await api('POST', `/api/v1/conversations/${conversation.id}/takeover`, bkpsdm)).status).toBe(200);
  const sent = await api('POST', `/api/v1/conversations/${conversation.id}/messages`, bkpsdm, { text: 'Selamat pagi, saya petugas BKPSDM. Ada kendala apa di SIMPEG?' });
  expect(sent.status).toBe(202);
  const got = await user.waitFor((msgs) => msgs.some((m) => m.from === 'agent'));
  expect(got.find((m) => m.from === 'agent')!.text).toBe('Selamat pagi, saya petugas BKPSDM. Ada kendala apa di SIMPEG?');

  // The bot says nothing while the officer holds the chat; the officer sees the message.
  const posted = await user.post('NIP saya tidak muncul di SIMPEG, bagaimana ya?', 'while-officer-1');
  expect(posted.status).toBe(202);
  await processed(conversation.id);
  await sleep(300);
  const transcript = await service.store.transcript(conversation.id);
  const userEntry = transcript.find((e) => e.id === posted.body.id)!;
  expect(transcript.filter((e) => e.seq > userEntry.seq && e.from === 'bot')).toHaveLength(0);
  const seen = await api('GET', `/api/v1/conversations/${conversation.id}`, bkpsdm);
  expect((seen.body.transcript as { text: string }[]).map((e) => e.text)).toContain('NIP saya tidak muncul di SIMPEG, bagaimana ya?');
  expect((seen.body.transcript as { from: string }[]).some((e) => e.from === 'bot')).toBe(true); // bot turns included

  // Release: the bot answers again.
  expect((await api('POST', `/api/v1/conversations/${conversation.id}/release`, bkpsdm)).status).toBe(200);
  expect((await service.store.getConversation(conversation.id))!.owner).toBe('bot');
  const again = await user.say('alamat website simpeg apa?');
  expect(again.some((m) => m.from === 'bot')).toBe(true);
}, 60_000);

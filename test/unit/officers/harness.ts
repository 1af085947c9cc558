/**
 * The officer module on real parts without the dialogue: the embedded SQLite store in a temp
 * directory, the in-process event bus, the real ticket desk and HTTP app, a manual clock, and a
 * recording queue (timers are observed, not run). Conversations and tickets are created directly
 * in the store; tests then drive the HTTP API like a client would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOfficerModule, type OfficerModule, type OfficerModuleDeps } from '../../../src/app/officer-module';
import type { AgencyId, ConversationOwner, OfficerRole, TicketCategory, TicketPriority } from '../../../src/domain/ids';
import { publishEntries } from '../../../src/engine/live-events';
import { createTicketDesk } from '../../../src/engine/ticket-desk';
import { createHttpApp } from '../../../src/http/app';
import { loadKnowledge } from '../../../src/knowledge/load-knowledge';
import type { Knowledge } from '../../../src/knowledge/types';
import { addOrUpdateOfficer } from '../../../src/officers/officer-admin';
import type { QueueBus, TimerJob } from '../../../src/queue/port';
import { InProcessEventBus } from '../../../src/realtime/in-process-event-bus';
import { createLogger } from '../../../src/runtime/logger';
import type { Conversation, Officer, Ticket, TranscriptEntry } from '../../../src/store/port';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store';
import { loadBusinessCalendar, loadSlaConfig } from '../../../src/tickets';
import { listen } from '../../helpers/http';

/** Monday 23 November 2026, 09:00 WIB: inside office hours. */
export const MONDAY_0900 = Date.UTC(2026, 10, 23, 2, 0, 0);
export const MINUTE = 60_000;

let knowledgeCache: Knowledge | null = null;
export function knowledge(): Knowledge {
  knowledgeCache ??= loadKnowledge();
  return knowledgeCache;
}

export interface Harness {
  url: string;
  store: SqliteStore;
  events: InProcessEventBus;
  module: OfficerModule;
  clock: { t: number };
  scheduled: { job: TimerJob; runAt: number }[];
  said: { conversationId: string; entries: TranscriptEntry[] }[];
  notices: { agency: string; text: string }[];
  addOfficer(role: OfficerRole, agency: AgencyId, password?: string): Promise<{ officer: Officer; token: string; password: string }>;
  login(email: string, password: string, headers?: Record<string, string>): Promise<Response>;
  conversation(opts?: { owner?: ConversationOwner; agency?: AgencyId | null; service?: string | null; channel?: 'webchat' | 'telegram' | 'whatsapp'; ticketNumber?: string | null; waitingSince?: number | null; text?: string }): Promise<Conversation>;
  ticket(opts?: { category?: TicketCategory; agency?: AgencyId; coAgencies?: AgencyId[]; service?: string | null; priority?: TicketPriority; conversationId?: string; createdAt?: number }): Promise<Ticket>;
  call(method: string, path: string, token?: string | null, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }>;
  close(): Promise<void>;
}

let counter = 0;

export async function startHarness(overrides: Partial<OfficerModuleDeps> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'officers-'));
  const store = new SqliteStore({ dataDir });
  await store.open();
  const events = new InProcessEventBus();
  const clock = { t: MONDAY_0900 };
  const now = () => clock.t;
  const logger = createLogger('silent');
  const scheduled: Harness['scheduled'] = [];
  const said: Harness['said'] = [];
  const notices: Harness['notices'] = [];
  const queue = {
    kind: 'in-process',
    async schedule(job: TimerJob, runAt: number) {
      scheduled.push({ job, runAt });
    },
    async cancelSchedule() {},
    async enqueueDelivery() {},
    async signalConversation() {},
    async ping() {},
  } as unknown as QueueBus;
  const k = knowledge();
  const sla = loadSlaConfig();
  const calendar = loadBusinessCalendar();
  const tickets = createTicketDesk({ store, queue, events, knowledge: k, sla, calendar, now, logger });
  const turns = {
    async say(c: Conversation, entries: Parameters<typeof store.appendEntries>[1]) {
      const appended = await store.appendEntries(c.id, entries);
      said.push({ conversationId: c.id, entries: appended });
      publishEntries(events, c, appended);
      return appended;
    },
  };
  const module = createOfficerModule({
    store,
    queue,
    events,
    turns,
    tickets,
    knowledge: k,
    calendar,
    sla,
    now,
    logger,
    sweepIntervalMs: 0,
    notifyAgencyGroup: async (agency, text) => {
      notices.push({ agency, text });
    },
    ...overrides,
  });
  const app = createHttpApp({ routers: module.routers, logger });
  const server = await listen(app);

  async function call(method: string, path: string, token?: string | null, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(server.url + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = { raw: text };
    }
    return { status: res.status, body: json, headers: res.headers };
  }

  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) });

  return {
    url: server.url,
    store,
    events,
    module,
    clock,
    scheduled,
    said,
    notices,
    async addOfficer(role, agency, password = 'rahasia-panjang-1') {
      const email = `${role}.${agency}.${++counter}@cirebonkab.go.id`;
      const { officer } = await addOrUpdateOfficer(store, k, { email, password, role, agency, name: `${role} ${agency}` });
      const res = await login(email, password);
      const body = (await res.json()) as { token: string };
      if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
      return { officer, token: body.token, password };
    },
    login,
    conversation: makeConversation,
    async ticket(opts = {}) {
      const conversation = opts.conversationId ? (await store.getConversation(opts.conversationId))! : await makeConversation({ owner: 'bot' });
      return tickets.open({
        category: opts.category ?? 'gangguan',
        service: opts.service === undefined ? 'kepegawaian' : opts.service,
        agency: opts.agency ?? 'bkpsdm',
        coAgencies: opts.coAgencies ?? [],
        priority: opts.priority ?? 'tinggi',
        summary: 'SIMPEG tidak bisa dibuka',
        description: 'Sejak pagi aplikasi tidak bisa dibuka.',
        reporter: { conversationId: conversation.id, channel: conversation.channel, senderId: conversation.identity.senderId, name: 'Budi', contact: '081234567890' },
        attachments: [],
        idempotencyKey: `test-${++counter}`,
        createdAt: opts.createdAt ?? clock.t,
        createdBy: 'bot',
      });
    },
    call,
    async close() {
      module.stop();
      await server.close();
      await events.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };

  async function makeConversation(opts: Parameters<Harness['conversation']>[0] = {}): Promise<Conversation> {
    const id = `t${++counter}`;
    const accepted = await store.acceptInbound({
      channel: opts.channel ?? 'webchat',
      threadId: `thread-${id}`,
      senderId: `user-${id}`,
      senderName: `Warga ${counter}`,
      externalId: `m-${id}`,
      text: opts.text ?? 'saya mau bicara dengan petugas',
      at: clock.t,
    });
    await store.appendEntries(accepted.conversation.id, [], [accepted.entry.id]);
    const c = accepted.conversation;
    const owner = opts.owner ?? 'waiting';
    const saved = await store.saveConversation(
      {
        ...c,
        owner,
        agency: opts.agency === undefined ? 'bkpsdm' : opts.agency,
        service: opts.service === undefined ? 'kepegawaian' : opts.service,
        ticketNumber: opts.ticketNumber ?? null,
        waitingSince: owner === 'waiting' ? (opts.waitingSince ?? clock.t) : null,
        processedSeq: accepted.entry.seq,
      },
      c.version,
    );
    return saved!;
  }
}

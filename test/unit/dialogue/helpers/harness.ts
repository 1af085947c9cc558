/**
 * Test harness for the dialogue: an in-memory DialoguePorts double (a port double for pure unit
 * tests, not a database) and a Chat driver that feeds messages through Dialogue.respond and
 * applies the output to the conversation the way the pipeline does.
 */
import type { Channel } from '../../../../src/domain/ids';
import type { MediaRef } from '../../../../src/domain/messages';
import type { Understanding } from '../../../../src/domain/understanding';
import { createDialogue } from '../../../../src/dialogue';
import type { DialogueOptions } from '../../../../src/dialogue/engine';
import type { DialogueOutput, DialoguePorts, FlowDialogue, ReporterReplyResult, TrackingGuard } from '../../../../src/dialogue/port';
import type { Conversation, NewTicket, Ticket } from '../../../../src/store/port';
import { loadBusinessCalendar } from '../../../../src/tickets/business-calendar';
import { computeSla, loadSlaConfig } from '../../../../src/tickets/sla';
import { nextTicketNumber } from '../../../../src/tickets/ticket-numbers';
import { fixtureKnowledge } from './knowledge';

export const calendar = loadBusinessCalendar();
export const slaConfig = loadSlaConfig();

/** Monday 23 November 2026, 09:00 WIB (an ordinary working day). */
export const MONDAY_0900 = Date.UTC(2026, 10, 23, 2, 0);
/** Saturday 21 November 2026, 10:00 WIB. */
export const SATURDAY_1000 = Date.UTC(2026, 10, 21, 3, 0);

export class MemoryPorts implements DialoguePorts {
  readonly tickets = new Map<string, Ticket>();
  readonly byKey = new Map<string, string>();
  readonly counters = new Map<string, number>();
  readonly ratings: { number: string; rating: number; comment?: string }[] = [];
  readonly reporterReplies: { number: string; text: string; media: MediaRef[] }[] = [];
  createCalls = 0;
  /** The conversation the ports are bound to (the real ports are built per conversation). */
  conversationId = '';
  /** The officer who asked, returned by addReporterReply. */
  asker: { id: string; name: string } | null = null;
  /** What queuePosition answers. */
  position = 1;
  /** Wrong tracking proofs per ticket number. */
  readonly trackingFailures = new Map<string, number>();

  async ticketAwaitingReply(): Promise<Ticket | null> {
    return [...this.tickets.values()].find((t) => t.reporter.conversationId === this.conversationId && t.status === 'menunggu_pelapor') ?? null;
  }

  async addReporterReply(number: string, reply: { text: string; media: MediaRef[] }): Promise<ReporterReplyResult> {
    this.reporterReplies.push({ number, ...reply });
    const t = this.tickets.get(number)!;
    const next: Ticket = { ...t, status: t.status === 'menunggu_pelapor' ? 'diproses' : t.status, history: [...t.history, { at: t.updatedAt, by: this.conversationId, action: 'tanggapan', note: reply.text }] };
    this.tickets.set(number, next);
    return { ticket: next, officer: this.asker };
  }

  async queuePosition(): Promise<number> {
    return this.position;
  }

  readonly trackingGuard: TrackingGuard = {
    failures: async (number) => ({ byConversation: 0, byTicket: this.trackingFailures.get(number) ?? 0, resetAt: MONDAY_0900 + 3_600_000 }),
    recordFailure: async (number) => {
      this.trackingFailures.set(number, (this.trackingFailures.get(number) ?? 0) + 1);
    },
  };

  /** Puts the ticket in menunggu_pelapor with the officer's question, as the console would. */
  ask(number: string, question: string, at: number, by = 'ofc-1'): void {
    const t = this.tickets.get(number)!;
    this.tickets.set(number, { ...t, status: 'menunggu_pelapor', history: [...t.history, { at, by, action: 'status', from: 'diproses', to: 'menunggu_pelapor', note: question }] });
  }

  async createTicket(draft: Omit<NewTicket, 'sla' | 'numberPrefix'>): Promise<Ticket> {
    this.createCalls++;
    const existing = this.byKey.get(draft.idempotencyKey);
    if (existing) return this.tickets.get(existing)!;
    const { idempotencyKey, createdBy, ...rest } = draft;
    const number = await nextTicketNumber(draft.createdAt, async (name) => {
      const n = (this.counters.get(name) ?? 0) + 1;
      this.counters.set(name, n);
      return n;
    });
    const ticket: Ticket = {
      ...rest,
      number,
      status: 'baru',
      history: [{ at: draft.createdAt, by: createdBy, action: 'dibuat' }],
      sla: computeSla(slaConfig, calendar, draft.category, draft.priority, draft.createdAt),
      survey: null,
      assignee: null,
      updatedAt: draft.createdAt,
    };
    this.tickets.set(number, ticket);
    this.byKey.set(idempotencyKey, number);
    return ticket;
  }

  async findTicket(number: string): Promise<Ticket | null> {
    return this.tickets.get(number) ?? null;
  }

  async ticketsOfConversation(conversationId: string): Promise<Ticket[]> {
    return [...this.tickets.values()].filter((t) => t.reporter.conversationId === conversationId).sort((a, b) => b.createdAt - a.createdAt);
  }

  async rateTicket(number: string, rating: number, comment?: string): Promise<void> {
    this.ratings.push({ number, rating, ...(comment !== undefined ? { comment } : {}) });
  }

  officeHours(now: number): { open: boolean; nextOpenText: string } {
    return calendar.officeHours(now);
  }
}

export function understanding(partial: Partial<Understanding> = {}): Understanding {
  const type = partial.type ?? 'informasi';
  return {
    normalized: '',
    type,
    types: [{ value: type, score: partial.confidence ?? 0.9 }],
    service: null,
    services: [],
    agency: null,
    faq: null,
    ticketNumber: null,
    confidence: 0.9,
    ambiguity: null,
    ...partial,
  };
}

/** What the NLU might say about a mid-flow answer such as "2" or a phone number: nothing useful. */
export const VAGUE: Partial<Understanding> = { type: 'informasi', confidence: 0.1 };

let conversationSeq = 0;

export function newDialogue(options: DialogueOptions = {}): FlowDialogue {
  return createDialogue(fixtureKnowledge(), options);
}

export class Chat {
  readonly conversation: Conversation;
  now: number;
  first = true;
  last: DialogueOutput | null = null;

  constructor(
    readonly dialogue: FlowDialogue,
    readonly ports: MemoryPorts,
    opts: { channel?: Channel; senderId?: string; now?: number; contact?: string; nip?: string } = {},
  ) {
    const channel = opts.channel ?? 'webchat';
    const id = `conv-${++conversationSeq}`;
    this.now = opts.now ?? MONDAY_0900;
    this.conversation = {
      id,
      channel,
      threadId: `thread-${id}`,
      identity: { senderId: opts.senderId ?? `sender-${id}`, ...(opts.contact ? { contact: opts.contact } : {}), ...(opts.nip ? { nip: opts.nip } : {}) },
      owner: 'bot',
      officerId: null,
      agency: null,
      service: null,
      flow: null,
      ticketNumber: null,
      version: 0,
      processedSeq: 0,
      outbox: [],
      waitingSince: null,
      unreachable: false,
      createdAt: this.now,
      updatedAt: this.now,
      lastMessageAt: this.now,
    };
  }

  /** Sends a message; `u` is what the NLU understood (default: nothing useful). */
  async send(text: string, u: Partial<Understanding> = VAGUE, media?: MediaRef[], buttonContext?: string): Promise<DialogueOutput> {
    this.ports.conversationId = this.conversation.id;
    const input = {
      conversation: this.conversation,
      channel: this.conversation.channel,
      text,
      ...(media ? { media } : {}),
      now: this.now,
      ...(buttonContext !== undefined ? { buttonContext } : {}),
    };
    const human = this.conversation.owner === 'waiting' || this.conversation.owner === 'officer';
    const out = human
      ? await this.dialogue.whileHuman!(input, this.ports)
      : await this.dialogue.respond({ ...input, understanding: understanding(u), isFirstMessage: this.first }, this.ports);
    this.first = false;
    if (out.leftQueue) this.conversation.owner = 'bot';
    if (out.assign) {
      this.conversation.owner = 'officer';
      this.conversation.officerId = out.assign.officerId;
    }
    this.conversation.flow = out.flow;
    if (out.identity) Object.assign(this.conversation.identity, out.identity);
    if (out.ticketNumber) this.conversation.ticketNumber = out.ticketNumber;
    if (out.service !== undefined) this.conversation.service = out.service;
    if (out.handoff) this.conversation.owner = 'waiting';
    this.now += 60_000;
    this.last = out;
    return out;
  }

  /** All reply texts of the last output, joined. */
  get text(): string {
    return (this.last?.replies ?? []).map((r) => r.text).join('\n---\n');
  }

  get options(): string[] {
    return (this.last?.replies ?? []).flatMap((r) => r.options ?? []).map((o) => o.label);
  }

  /** The context key of the last reply with options (what a Telegram button carries back). */
  get context(): string | undefined {
    return (this.last?.replies ?? []).find((r) => r.options?.length)?.context;
  }

  get step(): string | null {
    return (this.conversation.flow?.step as string | undefined) ?? null;
  }

  get flowId(): string | null {
    return (this.conversation.flow?.flow as string | undefined) ?? null;
  }
}

export const VALID_NIP = '198503152010011001';

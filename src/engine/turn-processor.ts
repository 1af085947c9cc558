/**
 * Drains one conversation: every pending user entry, in seq order, becomes one turn.
 *
 * A turn's commit point is one conversation write (version-checked) holding the new dialogue
 * state, `processedSeq` and the turn's replies in `outbox`. After it, deliveries are enqueued
 * (de-duplicated by entry id) and the replies appended to the transcript with deterministic ids,
 * marking the user entry processed. A crash anywhere is repaired by the next drain: an entry
 * whose seq <= processedSeq is not decided again, its outbox is replayed instead. So every
 * accepted message gets exactly one set of replies, in order per conversation.
 */
import type { AgencyId } from '../domain/ids';
import type { Reply } from '../domain/messages';
import type { Dialogue, DialogueOutput, DialoguePorts } from '../dialogue/port';
import type { Understanding } from '../domain/understanding';
import type { EventBus, QueueBus } from '../queue/port';
import type { Conversation, NewEntry, Store, TranscriptEntry } from '../store/port';
import type { Logger } from '../runtime/logger';
import { noopMetrics, type Metrics } from '../metrics/port';
import { publishEntries, publishInbox } from './live-events';

export interface Nlu {
  understand(text: string): Understanding;
}

export interface TurnProcessorDeps {
  store: Store;
  queue: QueueBus;
  events: EventBus;
  nlu: Nlu;
  dialogue: Dialogue;
  /** DialoguePorts bound to the conversation and the entry being processed (idempotency keys). */
  portsFor: (conversation: Conversation, entry: TranscriptEntry) => DialoguePorts;
  /** Primary agency of a service (routing of waiting chats). */
  agencyOf: (service: string | null) => AgencyId | null;
  now: () => number;
  logger: Logger;
  /** Messages out, queue wait, turn duration, NLU fallbacks (default: none). */
  metrics?: Metrics;
  /** Pending entries taken per store read. */
  batchSize?: number;
  /** Called once a turn handed the conversation to the human queue (after the commit). */
  onHandoff?: (conversation: Conversation) => void;
  /** Called after each committed turn (e.g. to arm a flow's time-out). */
  afterTurn?: (before: Conversation, after: Conversation) => Promise<void>;
}

export interface TurnProcessor {
  drain(conversationId: string): Promise<void>;
  /** Appends replies outside a user turn (status changes, officer messages, surveys) and delivers them. */
  say(conversation: Conversation, entries: NewEntry[]): Promise<TranscriptEntry[]>;
}

const MAX_VERSION_RETRIES = 5;

export function replyEntries(baseId: string, replies: Reply[], at: number, from: NewEntry['from'] = 'bot'): NewEntry[] {
  return replies.map((r, i) => ({
    id: `${baseId}:r${i}`,
    from,
    text: r.text,
    ...(r.options?.length ? { options: r.options } : {}),
    ...(r.links?.length ? { links: r.links } : {}),
    ...(r.attachments?.length ? { media: r.attachments } : {}),
    ...(r.context && r.options?.length ? { context: r.context } : {}),
    at,
  }));
}

export function createTurnProcessor(deps: TurnProcessorDeps): TurnProcessor {
  const { store, queue, events, logger } = deps;
  const batchSize = deps.batchSize ?? 20;
  const metrics = deps.metrics ?? noopMetrics;

  /** Replies (not user entries) added for the user, for the messages-out counter. */
  const countOut = (conversation: Conversation, entries: readonly NewEntry[]) => {
    let n = 0;
    for (const e of entries) if (e.from !== 'user') n++;
    metrics.messageOut(conversation.channel, n);
  };

  async function deliver(conversation: Conversation, entries: NewEntry[]): Promise<void> {
    if (conversation.channel === 'webchat' || conversation.unreachable) return;
    for (const e of entries) {
      if (e.from === 'user') continue;
      await queue.enqueueDelivery({
        entryId: e.id,
        conversationId: conversation.id,
        channel: conversation.channel,
        threadId: conversation.threadId,
        reply: { text: e.text, ...(e.options ? { options: e.options } : {}), ...(e.links ? { links: e.links } : {}), ...(e.context ? { context: e.context } : {}) },
      });
    }
  }


  /** Makes the outbox of the last committed turn durable in the transcript (idempotent). */
  async function flushOutbox(conversation: Conversation, processedIds: string[]): Promise<void> {
    await deliver(conversation, conversation.outbox);
    const appended = await store.appendEntries(conversation.id, conversation.outbox, processedIds);
    countOut(conversation, conversation.outbox);
    publishEntries(events, conversation, appended);
  }

  async function decide(conversation: Conversation, entry: TranscriptEntry): Promise<{ next: Conversation; replies: NewEntry[] }> {
    const now = deps.now();
    // A user who writes again can be reached again (they unblocked the bot or came back).
    const base: Conversation = { ...conversation, unreachable: false, lastMessageAt: Math.max(conversation.lastMessageAt, entry.at) };
    const ports = deps.portsFor(base, entry);
    const common = {
      channel: conversation.channel,
      text: entry.text,
      ...(entry.media ? { media: entry.media } : {}),
      ...(entry.buttonContext !== undefined ? { buttonContext: entry.buttonContext } : {}),
      now,
    };
    if (conversation.owner === 'officer' || conversation.owner === 'waiting') {
      // A human owns (or is about to own) the chat: the console is told; the bot stays silent
      // except to let a waiting user leave the queue, to confirm an answer to a ticket, and to
      // say now and then where the user stands in the queue.
      publishInbox(events, { kind: 'user-message', conversationId: conversation.id, agency: conversation.agency, entryId: entry.id });
      if (!deps.dialogue.whileHuman) return { next: base, replies: [] };
      const out = await deps.dialogue.whileHuman({ conversation: base, ...common }, ports);
      return { next: apply(base, out, now), replies: replyEntries(entry.id, out.replies, now) };
    }
    const reopened: Conversation = conversation.owner === 'closed' ? { ...base, owner: 'bot', officerId: null, flow: null } : base;
    const understanding = deps.nlu.understand(entry.text);
    const out = await deps.dialogue.respond(
      { conversation: reopened, ...common, understanding, isFirstMessage: conversation.processedSeq === 0 },
      reopened === base ? ports : deps.portsFor(reopened, entry),
    );
    if (out.fallback) metrics.nluFallback(conversation.channel, out.fallback);
    return { next: apply(reopened, out, now), replies: replyEntries(entry.id, out.replies, now) };
  }

  /** The conversation after a dialogue output: flow, service, ticket, identity and owner changes. */
  function apply(before: Conversation, out: DialogueOutput, now: number): Conversation {
    const service = out.service !== undefined ? out.service : before.service;
    const next: Conversation = {
      ...before,
      flow: out.flow,
      service,
      ticketNumber: out.ticketNumber !== undefined ? out.ticketNumber : before.ticketNumber,
      identity: { ...before.identity, ...stripUndefined(out.identity ?? {}) },
    };
    if (out.handoff && before.owner === 'bot') {
      next.owner = 'waiting';
      next.waitingSince = now;
      next.agency = deps.agencyOf(service) ?? null;
      publishInbox(events, { kind: 'waiting', conversationId: before.id, agency: next.agency, service });
    }
    if (out.leftQueue && before.owner === 'waiting') {
      next.owner = 'bot';
      next.waitingSince = null;
      publishInbox(events, { kind: 'conversation-changed', conversationId: before.id, agency: before.agency, state: 'bot', officerId: null, by: null });
    }
    if (out.assign && before.owner !== 'officer') {
      // The officer who asked the reporter a question takes the conversation with the answer.
      next.owner = 'officer';
      next.officerId = out.assign.officerId;
      next.agency = out.assign.agency;
      next.waitingSince = null;
      publishInbox(events, { kind: 'conversation-changed', conversationId: before.id, agency: next.agency, state: 'officer', officerId: next.officerId, by: null });
    }
    return next;
  }

  async function drainOnce(conversationId: string): Promise<'done' | 'retry'> {
    let conversation = await store.getConversation(conversationId);
    if (!conversation) return 'done';
    for (;;) {
      const pending = await store.pendingEntries(conversationId, batchSize);
      if (!pending.length) return 'done';
      for (const entry of pending) {
        if (entry.seq <= conversation.processedSeq) {
          // Committed before a crash: replay its replies instead of deciding again.
          await flushOutbox(conversation, [entry.id]);
          continue;
        }
        const started = performance.now();
        metrics.queueWait(conversation.channel, (Date.now() - entry.at) / 1000);
        const { next, replies } = await decide(conversation, entry);
        const saved = await store.saveConversation({ ...next, processedSeq: entry.seq, outbox: replies, updatedAt: deps.now() }, conversation.version);
        if (!saved) return 'retry';
        const before = conversation;
        conversation = saved;
        await flushOutbox(conversation, [entry.id]);
        metrics.turnDuration(conversation.channel, (performance.now() - started) / 1000);
        if (saved.owner === 'waiting' && before.owner !== 'waiting') deps.onHandoff?.(saved);
        await deps.afterTurn?.(before, saved);
      }
    }
  }

  return {
    async drain(conversationId) {
      for (let attempt = 0; attempt < MAX_VERSION_RETRIES; attempt++) {
        if ((await drainOnce(conversationId)) === 'done') return;
        logger.debug('conversation changed during the turn; retrying', { conversationId, attempt });
      }
      throw new Error(`conversation ${conversationId} kept changing during its turn`);
    },

    async say(conversation, entries) {
      await deliver(conversation, entries);
      const appended = await store.appendEntries(conversation.id, entries);
      countOut(conversation, entries);
      publishEntries(events, conversation, appended);
      return appended;
    },
  };
}

function stripUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

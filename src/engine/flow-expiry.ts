/**
 * Abandoned dialogues. When a flow starts, one timer is scheduled for its expiry (not one per
 * message: the hot path stays cheap). When it fires, a flow that has really been idle past its
 * time-out is closed and the user is told; one that was touched since is re-armed.
 */
import type { FlowDialogue } from '../dialogue/port';
import { TransientError } from '../domain/errors';
import type { QueueBus } from '../queue/port';
import type { Conversation, Store } from '../store/port';
import { replyEntries, type TurnProcessor } from './turn-processor';

const startedAtOf = (flow: Record<string, unknown> | null): number | null => (typeof flow?.startedAt === 'number' ? flow.startedAt : null);

export const flowTimerKey = (conversationId: string, startedAt: number) => `flow-${conversationId}-${startedAt}`;

export interface FlowExpiryDeps {
  store: Store;
  queue: QueueBus;
  dialogue: Pick<FlowDialogue, 'expiresAt' | 'expiryNotice'>;
  turns: Pick<TurnProcessor, 'say'>;
  now: () => number;
}

export interface FlowExpiry {
  /** After a turn: arms the timer when the turn started a new flow. */
  afterTurn(before: Conversation, after: Conversation): Promise<void>;
  /** The 'flow-timeout' timer. */
  onTimer(conversationId: string, startedAt: number): Promise<void>;
}

export function createFlowExpiry(deps: FlowExpiryDeps): FlowExpiry {
  const { store, queue, dialogue } = deps;
  const arm = async (conversationId: string, flow: Record<string, unknown> | null, at: number) => {
    const startedAt = startedAtOf(flow);
    if (startedAt === null) return;
    await queue.schedule({ key: flowTimerKey(conversationId, startedAt), kind: 'flow-timeout', payload: { conversation: conversationId, startedAt } }, at + 1000);
  };
  return {
    async afterTurn(before, after) {
      const started = startedAtOf(after.flow);
      if (started === null || started === startedAtOf(before.flow)) return;
      const at = dialogue.expiresAt(after.flow);
      if (at !== null) await arm(after.id, after.flow, at);
    },

    async onTimer(conversationId, startedAt) {
      const conversation = await store.getConversation(conversationId);
      if (!conversation || conversation.owner !== 'bot' || startedAtOf(conversation.flow) !== startedAt) return;
      const now = deps.now();
      const notice = dialogue.expiryNotice(conversation.flow, now);
      if (!notice) {
        const at = dialogue.expiresAt(conversation.flow);
        if (at !== null) await arm(conversationId, conversation.flow, at);
        return;
      }
      const saved = await store.saveConversation({ ...conversation, flow: null, updatedAt: now }, conversation.version);
      if (!saved) throw new TransientError('percakapan sedang berubah; pemeriksaan batas waktu diulang');
      await deps.turns.say(saved, replyEntries(`${conversationId}:expired:${startedAt}`, [notice], now));
    },
  };
}

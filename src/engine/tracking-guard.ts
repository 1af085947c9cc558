/**
 * Counts wrong contact proofs when a ticket is tracked from another conversation (the dialogue's
 * TrackingGuard), per conversation and per ticket number, in fixed windows kept as store
 * documents, so every api/worker process sees the same counts and a restart forgets nothing.
 * Turns of one conversation never run at once; two conversations guessing the same ticket at the
 * same instant may lose one count, which only makes the limit slightly late.
 */
import type { TrackingGuard } from '../dialogue/port';
import type { Store } from '../store/port';

const COLLECTION = 'lacak-gagal';

interface Window {
  start: number;
  count: number;
}

export function createTrackingGuard(store: Store, conversationId: string, now: () => number): TrackingGuard {
  const keys = (ticketNumber: string) => [`c:${conversationId}`, `t:${ticketNumber.toUpperCase()}`] as const;
  const current = async (key: string, windowMs: number): Promise<Window | null> => {
    const w = await store.getDoc<Window>(COLLECTION, key);
    return w && now() - w.start < windowMs ? w : null;
  };
  return {
    async failures(ticketNumber, windowMs) {
      const [byConversation, byTicket] = await Promise.all(keys(ticketNumber).map((k) => current(k, windowMs)));
      return {
        byConversation: byConversation?.count ?? 0,
        byTicket: byTicket?.count ?? 0,
        resetAt: Math.max(byConversation?.start ?? 0, byTicket?.start ?? 0, now() - windowMs) + windowMs,
      };
    },
    async recordFailure(ticketNumber, windowMs) {
      for (const key of keys(ticketNumber)) {
        const w = await current(key, windowMs);
        await store.putDoc<Window>(COLLECTION, key, w ? { start: w.start, count: w.count + 1 } : { start: now(), count: 1 });
      }
    },
  };
}

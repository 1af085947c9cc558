/**
 * Ending an officer's sessions at once (deactivation, a new password). Sessions live in the store
 * (docs 'officer-sessions', keyed by the token's hash), so deleting them there ends them for
 * every process sharing the store; nothing caches a session. Expired sessions of anyone met on
 * the way are removed too (otherwise only a later request with that token would remove them).
 */
import type { Store } from '../store/port';
import { SESSIONS, type SessionDoc } from './auth';

/**
 * Deletes every session of `officerId` except the one whose token hash is `keepTokenHash` (the
 * officer changing their own password stays logged in on this device). Returns how many of the
 * officer's sessions ended.
 */
export async function endSessions(store: Pick<Store, 'listDocs' | 'deleteDoc'>, officerId: string, now: number, keepTokenHash?: string): Promise<number> {
  let ended = 0;
  for (const { key, value } of await store.listDocs<SessionDoc>(SESSIONS)) {
    if (key === keepTokenHash) continue;
    const mine = value?.officerId === officerId;
    if (mine || !value || value.expiresAt <= now) await store.deleteDoc(SESSIONS, key);
    if (mine) ended++;
  }
  return ended;
}

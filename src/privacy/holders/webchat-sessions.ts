/**
 * Web chat sessions (token hash, dates) of the person's web chat conversations. Retention
 * ('sesi_obrolan_web'): sessions unused past the period are deleted (they stopped working long
 * before, after WEBCHAT_SESSION_IDLE_HOURS).
 */
import { WEBCHAT_SESSIONS, type WebchatSessionDoc } from '../../engine/webchat-backend';
import { counted, type HolderChange, type PersonalDataHolder, type RetentionRun, type SubjectScope } from '../registry';
import type { CoreHolderDeps } from './deps';

export function webchatSessionsHolder(deps: CoreHolderDeps): PersonalDataHolder {
  const { store } = deps;
  const sessionIds = (scope: SubjectScope) => scope.conversations.filter((c) => c.channel === 'webchat').map((c) => c.threadId);
  return {
    id: 'sesi-obrolan-web',
    label: 'sesi obrolan web',
    order: 40,
    retentionKey: 'sesi_obrolan_web',
    async export(scope) {
      const out = [];
      for (const id of sessionIds(scope)) {
        const doc = await store.getDoc<WebchatSessionDoc>(WEBCHAT_SESSIONS, id);
        if (doc) out.push({ sessionId: id, createdAt: doc.createdAt, lastSeenAt: doc.lastSeenAt ?? doc.createdAt, token: 'disimpan hanya sebagai sidik SHA-256 (tidak ditampilkan)' });
      }
      return out;
    },
    async erase(scope): Promise<HolderChange> {
      let n = 0;
      for (const id of sessionIds(scope)) {
        if (!(await store.getDoc(WEBCHAT_SESSIONS, id))) continue;
        await store.deleteDoc(WEBCHAT_SESSIONS, id);
        n++;
      }
      return { count: n, summary: `${counted(n, 'sesi obrolan web')} dihapus` };
    },
    async retain(run: RetentionRun): Promise<HolderChange> {
      const cutoff = run.cutoff('sesi_obrolan_web');
      let n = 0;
      for (const { key, value } of await store.listDocs<WebchatSessionDoc>(WEBCHAT_SESSIONS)) {
        if ((value.lastSeenAt ?? value.createdAt) >= cutoff) continue;
        await store.deleteDoc(WEBCHAT_SESSIONS, key);
        n++;
      }
      return { count: n, summary: `${counted(n, 'sesi obrolan web')} dihapus` };
    },
  };
}

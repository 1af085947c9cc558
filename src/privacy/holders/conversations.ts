/**
 * Conversations and their transcripts: the person's own conversations are anonymised whole
 * (src/privacy/anonymise.ts); messages in other people's conversations that mention them lose
 * the mention. Retention ('transkrip'): conversations idle past the period and with no ticket
 * still open are anonymised, their delivery records removed.
 */
import { CLOSED_TICKET_STATUSES } from '../../store/port';
import { TICKET_STATUSES } from '../../domain/ids';
import { WEBCHAT_SESSIONS } from '../../engine/webchat-backend';
import type { TranscriptEntry } from '../../store/port';
import { counted, type HolderChange, type PersonalDataHolder, type RetentionRun, type SubjectScope } from '../registry';
import { createScrubber } from '../scrub';
import { BATCH, type CoreHolderDeps } from './deps';

const OPEN_STATUSES = TICKET_STATUSES.filter((s) => !CLOSED_TICKET_STATUSES.includes(s));

export function conversationsHolder(deps: CoreHolderDeps): PersonalDataHolder {
  const { store, pds } = deps;
  return {
    id: 'percakapan',
    label: 'percakapan dan transkrip',
    order: 10,
    retentionKey: 'transkrip',

    async export(scope: SubjectScope) {
      const own = [];
      for (const c of scope.conversations) own.push({ percakapan: c, transkrip: await store.transcript(c.id) });
      const mentions: { conversationId: string; entry: TranscriptEntry }[] = [];
      const byConversation = new Map<string, Set<string>>();
      for (const m of scope.mentions) byConversation.set(m.conversationId, (byConversation.get(m.conversationId) ?? new Set()).add(m.id));
      for (const [conversationId, ids] of byConversation) {
        for (const entry of await store.transcript(conversationId)) if (ids.has(entry.id)) mentions.push({ conversationId, entry });
      }
      return { milikSendiri: own, disebutDiPercakapanLain: mentions };
    },

    async erase(scope: SubjectScope): Promise<HolderChange> {
      let conversations = 0;
      let entries = 0;
      for (const c of scope.conversations) {
        const done = await pds.anonymiseConversation(c.id, scope.scrub, scope.now);
        if (!done) continue;
        conversations++;
        entries += done.entries;
        for (const key of done.released) scope.released.add(key);
      }
      const mentioned = await pds.scrubEntries(
        scope.mentions.map((m) => m.id),
        scope.scrub,
      );
      await pds.scrubConversationState(
        scope.mentions.map((m) => m.conversationId),
        scope.scrub,
      );
      const parts = [`${counted(conversations, 'percakapan')} dianonimkan (${entries} pesan)`];
      if (mentioned) parts.push(`${mentioned} pesan di percakapan orang lain dibersihkan dari kontak Anda`);
      return { count: conversations + mentioned, summary: parts.join('; ') };
    },

    async retain(run: RetentionRun): Promise<HolderChange> {
      const cutoff = run.cutoff('transkrip');
      let skipped = 0;
      let conversations = 0;
      let entries = 0;
      for (;;) {
        const ids = await pds.idleConversations(cutoff, BATCH, skipped);
        if (!ids.length) break;
        const done: string[] = [];
        for (const id of ids) {
          const c = await store.getConversation(id);
          const open = c ? await store.listTickets({ reporterConversationId: id, status: [...OPEN_STATUSES], limit: 1 }) : [];
          if (!c || open.length) {
            skipped++;
            continue;
          }
          const scrub = createScrubber({ names: [c.identity.name] });
          const result = await pds.anonymiseConversation(id, scrub, run.now);
          if (!result) {
            skipped++;
            continue;
          }
          if (c.channel === 'webchat') await store.deleteDoc(WEBCHAT_SESSIONS, c.threadId);
          for (const key of result.released) run.released.add(key);
          conversations++;
          entries += result.entries;
          done.push(id);
          run.anonymisedConversations.push({ id, names: c.identity.name ? [c.identity.name] : [] });
        }
        await pds.deleteDeliveriesOf(done);
      }
      return { count: conversations, summary: `${counted(conversations, 'percakapan')} dianonimkan (${entries} pesan)` };
    },
  };
}

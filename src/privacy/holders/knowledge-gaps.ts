/**
 * Knowledge-gap events (src/knowledge): the questions of the person the bot could not answer
 * well, kept for the evaluation report with phone numbers and e-mail addresses already masked.
 * The counts stay for statistics; the person's names and contacts leave the texts, on erasure
 * and when the retention job anonymises their conversation.
 */
import { counted, type HolderChange, type PersonalDataHolder, type RetentionRun, type SubjectScope } from '../registry';
import type { PersonalDataStore } from '../port';
import { createScrubber } from '../scrub';

export function knowledgeGapsHolder(pds: Pick<PersonalDataStore, 'botEventsOf' | 'scrubBotEvents'>): PersonalDataHolder {
  const ids = (scope: SubjectScope) => scope.conversations.map((c) => c.id);
  return {
    id: 'celah-pengetahuan',
    label: 'pertanyaan yang belum terjawab bot (celah pengetahuan)',
    order: 75,
    export: (scope) => pds.botEventsOf(ids(scope)),
    async erase(scope): Promise<HolderChange> {
      const n = await pds.scrubBotEvents(ids(scope), scope.scrub);
      return { count: n, summary: `${counted(n, 'pertanyaan')} dibersihkan dari data pribadi (jumlahnya tetap untuk laporan)` };
    },
    async retain(run: RetentionRun): Promise<HolderChange> {
      let n = 0;
      for (const c of run.anonymisedConversations) n += await pds.scrubBotEvents([c.id], createScrubber({ names: c.names }));
      return { count: n, summary: `${counted(n, 'pertanyaan')} dibersihkan dari data pribadi` };
    },
  };
}

/**
 * Attachment files (photos, documents) under DATA_DIR/attachments. A file is deleted once no
 * conversation or ticket that is not anonymised refers to it (the same bytes sent by two people
 * are one file). Retention ('lampiran'): files older than the period, and files whose references
 * this run removed, are deleted when nothing refers to them any more.
 */
import type { MediaRef } from '../../domain/messages';
import { counted, type HolderChange, type PersonalDataHolder, type RetentionRun, type SubjectScope } from '../registry';
import type { CoreHolderDeps } from './deps';

export function attachmentsHolder(deps: CoreHolderDeps): PersonalDataHolder {
  const { store, pds, files } = deps;

  async function removeUnreferenced(candidates: Iterable<string>): Promise<number> {
    const keys = [...new Set(candidates)];
    if (!keys.length) return 0;
    const referenced = await pds.referencedAttachments(keys);
    let n = 0;
    for (const key of keys) if (!referenced.has(key) && files.remove(key)) n++;
    return n;
  }

  return {
    id: 'lampiran',
    label: 'berkas lampiran',
    order: 90,
    retentionKey: 'lampiran',
    async export(scope: SubjectScope) {
      const refs: (MediaRef & { sumber: string; berkasAda: boolean })[] = [];
      const add = (m: MediaRef, sumber: string) => refs.push({ ...m, sumber, berkasAda: !!m.storageKey && files.exists(m.storageKey) });
      for (const c of scope.conversations) for (const e of await store.transcript(c.id)) for (const m of e.media ?? []) add(m, `percakapan ${c.id} pesan ${e.seq}`);
      for (const number of scope.ticketNumbers) for (const m of (await store.getTicket(number))?.attachments ?? []) add(m, `tiket ${number}`);
      return refs;
    },
    async erase(scope: SubjectScope): Promise<HolderChange> {
      const n = await removeUnreferenced(scope.released);
      return { count: n, summary: `${counted(n, 'berkas lampiran')} dihapus` };
    },
    async retain(run: RetentionRun): Promise<HolderChange> {
      const n = await removeUnreferenced([...run.released, ...files.olderThan(run.cutoff('lampiran'))]);
      return { count: n, summary: `${counted(n, 'berkas lampiran')} dihapus` };
    },
  };
}

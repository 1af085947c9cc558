/**
 * The audit trail: events that name the person (a Telegram user registering a group, a failed
 * log-in with their e-mail) are rewritten without it; nothing else in an event is personal
 * (targets are conversation and ticket ids). Retention ('jejak_audit'): old events are deleted.
 * Also the Telegram notification groups a person registered (their id and name are kept there).
 */
import { GROUPS, type GroupDoc } from '../../officers/group-registry';
import { ANONYMOUS } from '../anonymise';
import { counted, type HolderChange, type PersonalDataHolder, type RetentionRun, type SubjectScope } from '../registry';
import { scrubDeep } from '../scrub';
import type { CoreHolderDeps } from './deps';

export function auditHolder(deps: CoreHolderDeps): PersonalDataHolder {
  const { pds } = deps;
  const find = (scope: SubjectScope) => pds.findAudit(scope.pattern);
  return {
    id: 'jejak-audit',
    label: 'jejak audit',
    order: 60,
    retentionKey: 'jejak_audit',
    export: async (scope) => (await find(scope)).map((a) => a.event),
    async erase(scope): Promise<HolderChange> {
      const found = await find(scope);
      for (const a of found) await pds.replaceAudit(a.key, scrubDeep(a.event, scope.scrub));
      return { count: found.length, summary: `${counted(found.length, 'catatan jejak audit')} dibersihkan dari kontak Anda` };
    },
    async retain(run: RetentionRun): Promise<HolderChange> {
      const n = await pds.deleteAuditBefore(run.cutoff('jejak_audit'));
      return { count: n, summary: `${counted(n, 'catatan jejak audit')} lama dihapus` };
    },
  };
}

export function telegramGroupsHolder(deps: CoreHolderDeps): PersonalDataHolder {
  const { store } = deps;
  const mine = async (scope: SubjectScope) =>
    scope.subject.telegramId ? (await store.listDocs<GroupDoc>(GROUPS)).filter((g) => g.value.registeredBy?.id === scope.subject.telegramId) : [];
  return {
    id: 'grup-telegram',
    label: 'pendaftaran grup Telegram',
    order: 65,
    export: async (scope) => (await mine(scope)).map((g) => g.value),
    async erase(scope): Promise<HolderChange> {
      const groups = await mine(scope);
      for (const g of groups) await store.putDoc<GroupDoc>(GROUPS, g.key, { ...g.value, registeredBy: { id: ANONYMOUS, name: ANONYMOUS } });
      return { count: groups.length, summary: `${counted(groups.length, 'pendaftaran grup Telegram')} dianonimkan` };
    },
  };
}

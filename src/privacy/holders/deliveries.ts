/** Records of outbound deliveries (their ids hold platform message ids; errors may hold numbers). */
import { counted, type HolderChange, type PersonalDataHolder, type RetentionRun, type SubjectScope } from '../registry';
import type { CoreHolderDeps } from './deps';

export function deliveriesHolder(deps: CoreHolderDeps): PersonalDataHolder {
  const { pds } = deps;
  const ids = (scope: SubjectScope) => scope.conversations.map((c) => c.id);
  return {
    id: 'pengiriman',
    label: 'catatan pengiriman pesan',
    order: 30,
    retentionKey: 'pengiriman',
    export: (scope) => pds.deliveriesOf(ids(scope)),
    async erase(scope): Promise<HolderChange> {
      const n = await pds.deleteDeliveriesOf(ids(scope));
      return { count: n, summary: `${counted(n, 'catatan pengiriman pesan')} dihapus` };
    },
    async retain(run: RetentionRun): Promise<HolderChange> {
      const n = await pds.deleteDeliveriesBefore(run.cutoff('pengiriman'));
      return { count: n, summary: `${counted(n, 'catatan pengiriman pesan')} dihapus` };
    },
  };
}

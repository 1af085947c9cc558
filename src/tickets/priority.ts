/** Default priority of a new ticket: by category and the kind of service concerned (flows/sla.yaml). */
import type { ServiceKind, TicketCategory, TicketPriority } from '../domain/ids';
import type { SlaConfig } from './sla';

export function defaultPriority(config: SlaConfig, category: TicketCategory, serviceKind: ServiceKind | null): TicketPriority {
  const row = config.defaultPriority[category];
  return serviceKind ? row[serviceKind] : row.tanpa_layanan;
}

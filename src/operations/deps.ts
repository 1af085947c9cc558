/** What service operations need from the rest of the service (wired in src/app/operations-module.ts). */
import type { TurnProcessor } from '../engine/turn-processor';
import type { Knowledge } from '../knowledge/types';
import type { EventBus } from '../queue/port';
import type { Logger } from '../runtime/logger';
import type { Store } from '../store/port';
import type { BusinessCalendar } from '../tickets';
import { publishInbox } from '../engine/live-events';
import type { OperationsStore } from './port';
import type { Incident, MonitorsConfig } from './types';

/** Live topic telling every process that the public status changed (its cache is refreshed). */
export const OPERATIONS_TOPIC = 'operations';

export interface OperationsDeps {
  ops: OperationsStore;
  /** The main store: tickets, conversations, counters. */
  store: Store;
  knowledge: Knowledge;
  calendar: BusinessCalendar;
  config: MonitorsConfig;
  turns: Pick<TurnProcessor, 'say'>;
  events: EventBus;
  now: () => number;
  logger: Logger;
  /** Sends a text to the agency's registered Telegram notification group(s), when any. */
  notifyAgencyGroup?: (agency: string, text: string) => Promise<void>;
}

/** Console live event ('inbox' topic, filtered per officer by agency like ticket events). */
export function publishIncidentEvent(deps: Pick<OperationsDeps, 'events'>, action: string, incident: Pick<Incident, 'id' | 'service' | 'agency' | 'coAgencies' | 'state'>, extra: Record<string, unknown> = {}): void {
  publishInbox(deps.events, {
    kind: 'incident',
    action,
    incident: incident.id,
    service: incident.service,
    agency: incident.agency,
    coAgencies: incident.coAgencies,
    state: incident.state,
    ...extra,
  });
}

export function publishStatusChanged(deps: Pick<OperationsDeps, 'events'>): void {
  void deps.events.publish(OPERATIONS_TOPIC, { kind: 'changed' }).catch(() => undefined);
}

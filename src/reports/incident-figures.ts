/**
 * Incidents and availability of a period for the evaluation report (src/operations keeps them):
 * incidents opened in the period (by source, resolved or still open, median time to recover in
 * wall-clock minutes: an outage runs at night too), and each monitored service's availability
 * from its daily check counts against the catalog target (faq/catalog.yaml target_ketersediaan).
 * Scope as for tickets: the services of the agencies in scope (primary or co-owner).
 */
import type { AgencyId, ServiceId } from '../domain/ids';
import type { Knowledge } from '../knowledge/types';
import { percent, targetPercent } from '../operations/availability';
import type { IncidentStore, MonitorStore } from '../operations/port';
import { dateOf } from './period';
import { median } from './figures';
import type { TicketQuery } from './port';

export interface ServiceAvailability {
  service: ServiceId;
  checks: number;
  ups: number;
  /** Percent (0-100, two decimals); null without checks. */
  availability: number | null;
  /** Catalog target in percent, or null when the catalog gives none. */
  target: number | null;
  met: boolean | null;
}

export interface IncidentFigures {
  opened: number;
  resolved: number;
  stillOpen: number;
  bySource: { monitor: number; reports: number; officer: number };
  /** Wall-clock minutes from start to resolution of the resolved ones. */
  medianMinutesToRecover: number | null;
  /** Checks of every monitored service in scope together (percent), null without checks. */
  availability: number | null;
  services: ServiceAvailability[];
}

const MAX_INCIDENTS = 10_000;

export function createIncidentFigures(deps: { store: Pick<IncidentStore, 'listIncidents'> & Pick<MonitorStore, 'dayCounts'>; knowledge: Pick<Knowledge, 'services'> }) {
  const inScope = (agencies: AgencyId[] | null, owners: readonly string[]) => agencies === null || owners.some((a) => agencies.includes(a));
  return async (query: TicketQuery): Promise<IncidentFigures> => {
    const services = [...deps.knowledge.services.values()].filter((s) => inScope(query.agencies, s.owners) && (query.service === null || s.id === query.service));
    const ids = services.map((s) => s.id);
    const incidents = (await deps.store.listIncidents({ services: ids, activeSince: query.from, limit: MAX_INCIDENTS })).filter(
      (i) => i.startedAt >= query.from && i.startedAt < query.to,
    );
    const recovered = incidents.filter((i) => i.resolvedAt !== null).map((i) => (i.resolvedAt! - i.startedAt) / 60_000);
    const bySource = { monitor: 0, reports: 0, officer: 0 };
    for (const i of incidents) bySource[i.source]++;

    const counts = await deps.store.dayCounts(dateOf(query.from), dateOf(query.to - 1));
    let checks = 0;
    let ups = 0;
    const perService: ServiceAvailability[] = [];
    for (const s of services) {
      const mine = counts.filter((c) => c.service === s.id);
      if (!mine.length) continue;
      const c = mine.reduce((n, x) => n + x.checks, 0);
      const u = mine.reduce((n, x) => n + x.ups, 0);
      checks += c;
      ups += u;
      const availability = percent(u, c);
      const target = targetPercent(s);
      perService.push({ service: s.id, checks: c, ups: u, availability, target, met: availability === null || target === null ? null : availability >= target });
    }
    const md = median(recovered.sort((a, b) => a - b));
    return {
      opened: incidents.length,
      resolved: recovered.length,
      stillOpen: incidents.length - recovered.length,
      bySource,
      medianMinutesToRecover: md === null ? null : Math.round(md * 10) / 10,
      availability: percent(ups, checks),
      services: perService,
    };
  };
}

/**
 * The public status (GET /api/v1/status and /status): every catalog service up/down/unknown,
 * current incidents with their public updates, incidents of the last 7 days, and 90 days of daily
 * availability. No personal data: only services, incident titles and the updates officers wrote
 * for the public. It is hit hardest when something breaks, so it is served from a cache: built at
 * most once per `ttlMs` (and at once when an incident or a monitor changes, in any process),
 * readers get the last built copy and never wait for the store, except for the very first.
 */
import type { Knowledge } from '../knowledge/types';
import type { Logger } from '../runtime/logger';
import { dailySeries, percent, targetPercent } from './availability';
import { lastDays } from './days';
import type { IncidentStore, MonitorStore } from './port';
import type { Incident, IncidentEvent, MonitorsConfig, MonitorStatus } from './types';

export const HISTORY_DAYS = 90;
const RECENT_INCIDENT_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface StatusIncidentRef {
  id: string;
  title: string;
  startedAt: string;
}

export interface StatusService {
  service: string;
  state: MonitorStatus;
  since: string | null;
  incident?: StatusIncidentRef;
  name: string;
  /** The app people know it by (SIMPEG). */
  app: string | null;
  monitored: boolean;
  availability: {
    /** Catalog target in percent (null: none set). */
    target: number | null;
    /** Over the days shown. */
    period: number | null;
    /** One value per day from `from`, oldest first; null: not checked that day. */
    days: (number | null)[];
  };
}

export interface StatusIncident {
  id: string;
  service: string;
  serviceName: string;
  title: string;
  state: Incident['state'];
  startedAt: string;
  resolvedAt?: string;
  updates: { at: string; kind: 'dibuka' | 'pembaruan' | 'selesai'; message: string }[];
}

/** The JSON of GET /api/v1/status (interfaces.md section 7, plus names, incidents and history). */
export interface StatusDocument {
  generatedAt: string;
  /** First day of each service's `availability.days` (YYYY-MM-DD, Asia/Jakarta). */
  from: string;
  services: StatusService[];
  incidents: StatusIncident[];
}

export interface StatusSnapshot {
  document: StatusDocument;
  /** The document serialised once, served as is. */
  json: string;
  etag: string;
  builtAt: number;
}

export interface StatusBoard {
  current(): Promise<StatusSnapshot>;
  /** Marks the cache stale and rebuilds it in the background. */
  invalidate(): void;
}

export interface StatusBoardDeps {
  ops: MonitorStore & IncidentStore;
  knowledge: Knowledge;
  config: MonitorsConfig | null;
  now: () => number;
  logger: Logger;
  ttlMs?: number;
}

const iso = (t: number) => new Date(t).toISOString();

export async function buildStatusDocument(deps: StatusBoardDeps): Promise<StatusDocument> {
  const now = deps.now();
  const days = lastDays(now, HISTORY_DAYS);
  const [states, open, recent, counts] = await Promise.all([
    deps.ops.monitorStates(),
    deps.ops.listIncidents({ state: 'open', limit: 500 }),
    deps.ops.listIncidents({ state: 'resolved', activeSince: now - RECENT_INCIDENT_DAYS * DAY_MS, limit: 50 }),
    deps.ops.dayCounts(days[0]!, days[days.length - 1]!),
  ]);
  const monitored = new Set((deps.config?.monitors ?? []).map((m) => m.service));
  const stateOf = new Map(states.filter((s) => monitored.has(s.service)).map((s) => [s.service, s]));
  const openOf = new Map(open.map((i) => [i.service, i]));
  const services: StatusService[] = [...deps.knowledge.services.values()].map((svc) => {
    const st = stateOf.get(svc.id);
    const incident = openOf.get(svc.id);
    let state: MonitorStatus = st?.status ?? 'unknown';
    let since: number | null = st ? st.since : null;
    if (incident && state !== 'down') {
      state = 'down';
      since = incident.startedAt;
    }
    const series = dailySeries(counts, svc.id, days);
    let checks = 0;
    let ups = 0;
    for (const c of counts) {
      if (c.service !== svc.id) continue;
      checks += c.checks;
      ups += c.ups;
    }
    return {
      service: svc.id,
      state,
      since: since === null ? null : iso(since),
      ...(incident ? { incident: { id: incident.id, title: incident.title, startedAt: iso(incident.startedAt) } } : {}),
      name: svc.name,
      app: svc.apps[0]?.name ?? null,
      monitored: monitored.has(svc.id),
      availability: { target: targetPercent(svc), period: percent(ups, checks), days: series.map((d) => d.availability) },
    };
  });
  const shown = [...open, ...recent];
  const updates = await deps.ops.publicUpdates(shown.map((i) => i.id));
  const byIncident = new Map<string, IncidentEvent[]>();
  for (const u of updates) byIncident.set(u.incidentId, [...(byIncident.get(u.incidentId) ?? []), u]);
  const incidents: StatusIncident[] = shown.map((i) => ({
    id: i.id,
    service: i.service,
    serviceName: deps.knowledge.services.get(i.service)?.name ?? i.service,
    title: i.title,
    state: i.state,
    startedAt: iso(i.startedAt),
    ...(i.resolvedAt !== null ? { resolvedAt: iso(i.resolvedAt) } : {}),
    updates: (byIncident.get(i.id) ?? [])
      .filter((u): u is IncidentEvent & { kind: 'dibuka' | 'pembaruan' | 'selesai' } => u.kind === 'dibuka' || u.kind === 'pembaruan' || u.kind === 'selesai')
      .map((u) => ({ at: iso(u.at), kind: u.kind, message: u.message })),
  }));
  return { generatedAt: iso(now), from: days[0]!, services, incidents };
}

export function createStatusBoard(deps: StatusBoardDeps): StatusBoard {
  const ttl = deps.ttlMs ?? 5000;
  let snapshot: StatusSnapshot | null = null;
  let stale = true;
  let building: Promise<StatusSnapshot> | null = null;
  let version = 0;

  const build = (): Promise<StatusSnapshot> =>
    (building ??= (async () => {
      const startedVersion = version;
      try {
        const document = await buildStatusDocument(deps);
        const json = JSON.stringify(document);
        snapshot = { document, json, etag: `W/"status-${deps.now().toString(36)}-${json.length.toString(36)}"`, builtAt: deps.now() };
        // An invalidation that arrived while building means this copy may already be old.
        stale = version !== startedVersion;
        return snapshot;
      } finally {
        building = null;
      }
    })());

  return {
    async current() {
      if (!snapshot) return build();
      if (stale || deps.now() - snapshot.builtAt >= ttl) {
        void build().catch((err) => deps.logger.warn('status page could not be rebuilt; serving the last copy', { err }));
      }
      return snapshot;
    },
    invalidate() {
      version++;
      stale = true;
      if (!building) void build().catch((err) => deps.logger.warn('status page could not be rebuilt', { err }));
    },
  };
}

/**
 * Service operations (src/operations/port.ts) in the embedded store: tables of migration step 2
 * in the same SQLite file, through the main SqliteStore's open handle. Multi-statement writes are
 * one IMMEDIATE transaction, so two processes sharing the file never interleave them; the partial
 * unique index `incidents_open_service` keeps one open incident per service.
 */
import type Database from 'better-sqlite3';
import { NotFoundError, TransientError } from '../../domain/errors';
import type { IncidentFilter, OperationsStore } from '../../operations/port';
import type { CheckResult, DayCount, Incident, IncidentEvent, IncidentLink, MonitorEvent, MonitorState } from '../../operations/types';
import { jakartaDay } from '../../operations/days';

type Params = (string | number | null)[];

export class SqliteOperationsStore implements OperationsStore {
  private stmts = new WeakMap<Database.Database, Map<string, Database.Statement>>();

  /** `database` returns the main store's open handle (SqliteStore.database). */
  constructor(private readonly database: () => Database.Database) {}

  async open(): Promise<void> {
    this.database(); // the tables come from the main store's migrations
  }

  // ------------------------------------------------------------------------------ monitors

  async recordCheck(check: CheckResult, state: MonitorState, event: MonitorEvent | null): Promise<void> {
    this.tx(() => {
      this.q('INSERT INTO monitor_checks (service, at, doc) VALUES (?, ?, ?)').run(check.service, check.at, JSON.stringify(check));
      this.q(
        `INSERT INTO monitor_days (service, day, checks, ups) VALUES (?, ?, 1, ?)
         ON CONFLICT (service, day) DO UPDATE SET checks = checks + 1, ups = ups + excluded.ups`,
      ).run(check.service, jakartaDay(check.at), check.ok ? 1 : 0);
      this.q('INSERT INTO monitor_states (service, doc) VALUES (?, ?) ON CONFLICT (service) DO UPDATE SET doc = excluded.doc').run(
        state.service,
        JSON.stringify(state),
      );
      if (event) this.q('INSERT INTO monitor_events (service, at, doc) VALUES (?, ?, ?)').run(event.service, event.at, JSON.stringify(event));
    });
  }

  async monitorStates(): Promise<MonitorState[]> {
    return this.run(() => (this.q('SELECT doc FROM monitor_states ORDER BY service').all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as MonitorState));
  }

  async recentChecks(service: string, limit: number): Promise<CheckResult[]> {
    return this.run(() =>
      (this.q('SELECT doc FROM monitor_checks WHERE service = ? ORDER BY at DESC, id DESC LIMIT ?').all(service, limit) as { doc: string }[]).map(
        (r) => JSON.parse(r.doc) as CheckResult,
      ),
    );
  }

  async monitorEvents(filter: { service?: string; limit: number }): Promise<MonitorEvent[]> {
    return this.run(() => {
      const rows =
        filter.service === undefined
          ? this.q('SELECT doc FROM monitor_events ORDER BY at DESC, id DESC LIMIT ?').all(filter.limit)
          : this.q('SELECT doc FROM monitor_events WHERE service = ? ORDER BY at DESC, id DESC LIMIT ?').all(filter.service, filter.limit);
      return (rows as { doc: string }[]).map((r) => JSON.parse(r.doc) as MonitorEvent);
    });
  }

  async dayCounts(fromDay: string, toDay: string): Promise<DayCount[]> {
    return this.run(() => this.q('SELECT service, day, checks, ups FROM monitor_days WHERE day >= ? AND day <= ?').all(fromDay, toDay) as DayCount[]);
  }

  async pruneChecks(before: number): Promise<number> {
    return this.run(() => this.q('DELETE FROM monitor_checks WHERE at < ?').run(before).changes);
  }

  // ------------------------------------------------------------------------------ incidents

  async openIncident(incident: Incident, events: IncidentEvent[]): Promise<{ incident: Incident; created: boolean }> {
    return this.tx(() => {
      const existing = this.openOf(incident.service);
      if (existing) return { incident: existing, created: false };
      const doc: Incident = { ...incident, state: 'open' };
      this.q('INSERT INTO incidents (id, service, state, started_at, resolved_at, doc) VALUES (?, ?, ?, ?, ?, ?)').run(
        doc.id,
        doc.service,
        doc.state,
        doc.startedAt,
        doc.resolvedAt,
        JSON.stringify(doc),
      );
      this.insertEvents(events);
      return { incident: doc, created: true };
    });
  }

  async getIncident(id: string): Promise<Incident | null> {
    return this.run(() => parse<Incident>(this.q('SELECT doc FROM incidents WHERE id = ?').get(id)));
  }

  async openIncidentOf(service: string): Promise<Incident | null> {
    return this.run(() => this.openOf(service));
  }

  async listIncidents(filter: IncidentFilter): Promise<Incident[]> {
    return this.run(() => {
      const where: string[] = [];
      const params: Params = [];
      if (filter.state) {
        where.push('state = ?');
        params.push(filter.state);
      }
      if (filter.services) {
        where.push('service IN (SELECT value FROM json_each(?))');
        params.push(JSON.stringify(filter.services));
      }
      if (filter.activeSince !== undefined) {
        where.push("(state = 'open' OR resolved_at >= ?)");
        params.push(filter.activeSince);
      }
      params.push(filter.limit ?? 100);
      const sql = `SELECT doc FROM incidents ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, rowid DESC LIMIT ?`;
      return (this.q(sql).all(...params) as { doc: string }[]).map((r) => JSON.parse(r.doc) as Incident);
    });
  }

  async updateIncident(id: string, change: (current: Incident) => Incident, events: IncidentEvent[] = []): Promise<Incident> {
    return this.tx(() => {
      const current = parse<Incident>(this.q('SELECT doc FROM incidents WHERE id = ?').get(id));
      if (!current) throw new NotFoundError(`Insiden ${id} tidak ditemukan.`);
      const next: Incident = { ...change(current), id };
      this.q('UPDATE incidents SET state = ?, resolved_at = ?, doc = ? WHERE id = ?').run(next.state, next.resolvedAt, JSON.stringify(next), id);
      this.insertEvents(events);
      return next;
    });
  }

  async appendIncidentEvents(events: IncidentEvent[]): Promise<void> {
    if (events.length) this.tx(() => this.insertEvents(events));
  }

  async incidentEvents(incidentId: string, options: { publicOnly?: boolean } = {}): Promise<IncidentEvent[]> {
    return this.run(() => {
      const sql = `SELECT doc FROM incident_events WHERE incident_id = ? ${options.publicOnly ? 'AND public = 1' : ''} ORDER BY seq`;
      return (this.q(sql).all(incidentId) as { doc: string }[]).map((r) => JSON.parse(r.doc) as IncidentEvent);
    });
  }

  async publicUpdates(incidentIds: string[]): Promise<IncidentEvent[]> {
    if (!incidentIds.length) return [];
    return this.run(() =>
      (
        this.q('SELECT doc FROM incident_events WHERE incident_id IN (SELECT value FROM json_each(?)) AND public = 1 ORDER BY seq').all(
          JSON.stringify(incidentIds),
        ) as { doc: string }[]
      ).map((r) => JSON.parse(r.doc) as IncidentEvent),
    );
  }

  async linkTicket(link: IncidentLink): Promise<boolean> {
    return this.tx(() => {
      const seq = this.nextSeq('incident_links', link.incidentId);
      return this.q('INSERT OR IGNORE INTO incident_links (ticket, incident_id, seq, doc) VALUES (?, ?, ?, ?)').run(link.ticket, link.incidentId, seq, JSON.stringify(link))
        .changes > 0;
    });
  }

  async incidentLinks(incidentId: string): Promise<IncidentLink[]> {
    return this.run(() =>
      (this.q('SELECT doc FROM incident_links WHERE incident_id = ? ORDER BY seq').all(incidentId) as { doc: string }[]).map((r) => JSON.parse(r.doc) as IncidentLink),
    );
  }

  async incidentOfTicket(ticket: string): Promise<string | null> {
    return this.run(() => (this.q('SELECT incident_id FROM incident_links WHERE ticket = ?').get(ticket) as { incident_id: string } | undefined)?.incident_id ?? null);
  }

  async markNotified(incidentId: string, conversationId: string, at: number): Promise<boolean> {
    return this.run(() => this.q('INSERT OR IGNORE INTO incident_notices (incident_id, conversation_id, at) VALUES (?, ?, ?)').run(incidentId, conversationId, at).changes > 0);
  }

  async notifiedConversations(incidentId: string): Promise<string[]> {
    return this.run(() => (this.q('SELECT conversation_id FROM incident_notices WHERE incident_id = ?').all(incidentId) as { conversation_id: string }[]).map((r) => r.conversation_id));
  }

  // ------------------------------------------------------------------------------ internals

  private openOf(service: string): Incident | null {
    return parse<Incident>(this.q("SELECT doc FROM incidents WHERE service = ? AND state = 'open'").get(service));
  }

  private insertEvents(events: IncidentEvent[]): void {
    const ins = this.q('INSERT OR IGNORE INTO incident_events (id, incident_id, seq, public, doc) VALUES (?, ?, ?, ?, ?)');
    for (const e of events) ins.run(e.id, e.incidentId, this.nextSeq('incident_events', e.incidentId), e.public ? 1 : 0, JSON.stringify(e));
  }

  private nextSeq(table: 'incident_events' | 'incident_links', incidentId: string): number {
    const row = this.q(`SELECT coalesce(max(seq), 0) + 1 AS seq FROM ${table} WHERE incident_id = ?`).get(incidentId) as { seq: number };
    return row.seq;
  }

  private q(sql: string): Database.Statement {
    const db = this.database();
    let cache = this.stmts.get(db);
    if (!cache) {
      cache = new Map();
      this.stmts.set(db, cache);
    }
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  }

  private tx<T>(fn: () => T): T {
    return this.run(() => this.database().transaction(fn).immediate());
  }

  /** A lock wait that ran out (another process held the file) is transient, as in SqliteStore. */
  private run<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY_SNAPSHOT') throw new TransientError('Penyimpanan sedang sibuk; coba lagi.', 200);
      throw err;
    }
  }
}

function parse<T>(row: unknown): T | null {
  return row ? (JSON.parse((row as { doc: string }).doc) as T) : null;
}

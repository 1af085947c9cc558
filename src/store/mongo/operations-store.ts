/**
 * Service operations (src/operations/port.ts) in MongoDB, on the main MongoStore's connection.
 * Collections: monitor_checks, monitor_states, monitor_events, monitor_days, incidents,
 * incident_events, incident_links, incident_notices.
 *
 * Without multi-document transactions (a single mongod need not be a replica set):
 * - one open incident per service: a partial unique index on `service` where state = 'open';
 *   a duplicate-key error on insert means another process opened it first, and that one is returned;
 * - incidents are read, changed and replaced if their version did not move (retried);
 * - events, links and notices have deterministic ids, so a repeated write is skipped;
 * - a check's four writes (check, day count, state, event) are separate: a crash between them can
 *   lose one day count or state change, never duplicate one.
 * Every filter value here is built by this program (ids, service ids), never a user's object.
 */
import mongoose, { type Connection } from 'mongoose';
import { ConflictError, NotFoundError, TransientError } from '../../domain/errors';
import type { IncidentFilter, OperationsStore } from '../../operations/port';
import type { CheckResult, DayCount, Incident, IncidentEvent, IncidentLink, MonitorEvent, MonitorState } from '../../operations/types';
import { jakartaDay } from '../../operations/days';
import { isDuplicateKey, isTransient } from './mongo-store';

type Doc = mongoose.mongo.Document;
type IncidentDoc = Incident & { _id: string; version: number };

export class MongoOperationsStore implements OperationsStore {
  constructor(private readonly connection: () => Connection) {}

  private col<T extends Doc = Doc>(name: string): mongoose.mongo.Collection<T> {
    const db = this.connection().db;
    if (!db) throw new TransientError('MongoDB belum terhubung.');
    return db.collection<T>(name);
  }

  async open(): Promise<void> {
    await this.guard(async () => {
      await Promise.all([
        this.col('monitor_checks').createIndexes([{ key: { service: 1, at: -1 } }, { key: { at: 1 } }]),
        this.col('monitor_events').createIndexes([{ key: { service: 1, at: -1 } }, { key: { at: -1 } }]),
        this.col('monitor_days').createIndexes([{ key: { day: 1 } }]),
        this.col('incidents').createIndexes([
          { key: { service: 1 }, name: 'open_service', unique: true, partialFilterExpression: { state: 'open' } },
          { key: { startedAt: -1 } },
          { key: { state: 1, resolvedAt: -1 } },
        ]),
        this.col('incident_events').createIndexes([{ key: { incidentId: 1, at: 1 } }]),
        this.col('incident_links').createIndexes([{ key: { incidentId: 1, linkedAt: 1 } }]),
      ]);
    });
  }

  // ------------------------------------------------------------------------------ monitors

  async recordCheck(check: CheckResult, state: MonitorState, event: MonitorEvent | null): Promise<void> {
    await this.guard(async () => {
      await this.col('monitor_checks').insertOne({ ...check });
      await this.col('monitor_days').updateOne(
        { _id: `${check.service}|${jakartaDay(check.at)}` as never },
        { $inc: { checks: 1, ups: check.ok ? 1 : 0 }, $setOnInsert: { service: check.service, day: jakartaDay(check.at) } },
        { upsert: true },
      );
      await this.col('monitor_states').replaceOne({ _id: state.service as never }, { ...state }, { upsert: true });
      if (event) await this.col('monitor_events').insertOne({ ...event });
    });
  }

  async monitorStates(): Promise<MonitorState[]> {
    return this.guard(async () => (await this.col('monitor_states').find({}).sort({ _id: 1 }).toArray()).map((d) => strip<MonitorState>(d)));
  }

  async recentChecks(service: string, limit: number): Promise<CheckResult[]> {
    return this.guard(async () => (await this.col('monitor_checks').find({ service }).sort({ at: -1, _id: -1 }).limit(limit).toArray()).map((d) => strip<CheckResult>(d)));
  }

  async monitorEvents(filter: { service?: string; limit: number }): Promise<MonitorEvent[]> {
    return this.guard(async () =>
      (await this.col('monitor_events').find(filter.service === undefined ? {} : { service: filter.service }).sort({ at: -1, _id: -1 }).limit(filter.limit).toArray()).map((d) =>
        strip<MonitorEvent>(d),
      ),
    );
  }

  async dayCounts(fromDay: string, toDay: string): Promise<DayCount[]> {
    return this.guard(async () =>
      (await this.col('monitor_days').find({ day: { $gte: fromDay, $lte: toDay } }).toArray()).map((d) => ({
        service: String(d.service),
        day: String(d.day),
        checks: Number(d.checks),
        ups: Number(d.ups),
      })),
    );
  }

  async pruneChecks(before: number): Promise<number> {
    return this.guard(async () => (await this.col('monitor_checks').deleteMany({ at: { $lt: before } })).deletedCount ?? 0);
  }

  // ------------------------------------------------------------------------------ incidents

  async openIncident(incident: Incident, events: IncidentEvent[]): Promise<{ incident: Incident; created: boolean }> {
    return this.guard(async () => {
      const doc: IncidentDoc = { ...incident, state: 'open', _id: incident.id, version: 1 };
      for (let attempt = 0; attempt < 3; attempt++) {
        const existing = await this.openOf(incident.service);
        if (existing) return { incident: existing, created: false };
        try {
          await this.col<IncidentDoc>('incidents').insertOne(doc);
        } catch (err) {
          if (isDuplicateKey(err)) continue; // another process opened one first
          throw err;
        }
        await this.insertEvents(events);
        return { incident: strip<Incident>(doc), created: true };
      }
      throw new ConflictError(`Insiden layanan ${incident.service} sedang dibuka proses lain; coba lagi.`);
    });
  }

  async getIncident(id: string): Promise<Incident | null> {
    return this.guard(async () => {
      const d = await this.col<IncidentDoc>('incidents').findOne({ _id: id });
      return d ? strip<Incident>(d) : null;
    });
  }

  async openIncidentOf(service: string): Promise<Incident | null> {
    return this.guard(() => this.openOf(service));
  }

  async listIncidents(filter: IncidentFilter): Promise<Incident[]> {
    return this.guard(async () => {
      const q: Doc = {};
      if (filter.state) q.state = filter.state;
      if (filter.services) q.service = { $in: filter.services.map(String) };
      if (filter.activeSince !== undefined) q.$or = [{ state: 'open' }, { resolvedAt: { $gte: filter.activeSince } }];
      const docs = await this.col<IncidentDoc>('incidents').find(q).sort({ startedAt: -1, _id: -1 }).limit(filter.limit ?? 100).toArray();
      return docs.map((d) => strip<Incident>(d));
    });
  }

  async updateIncident(id: string, change: (current: Incident) => Incident, events: IncidentEvent[] = []): Promise<Incident> {
    return this.guard(async () => {
      const incidents = this.col<IncidentDoc>('incidents');
      for (let attempt = 0; attempt < 20; attempt++) {
        const current = await incidents.findOne({ _id: id });
        if (!current) throw new NotFoundError(`Insiden ${id} tidak ditemukan.`);
        const next: Incident = { ...change(strip<Incident>(current)), id };
        const res = await incidents.replaceOne({ _id: id, version: current.version }, { ...next, version: current.version + 1 });
        if (res.matchedCount === 1) {
          await this.insertEvents(events);
          return next;
        }
      }
      throw new ConflictError(`Insiden ${id} sedang diubah bersamaan; coba lagi.`);
    });
  }

  async appendIncidentEvents(events: IncidentEvent[]): Promise<void> {
    await this.guard(() => this.insertEvents(events));
  }

  async incidentEvents(incidentId: string, options: { publicOnly?: boolean } = {}): Promise<IncidentEvent[]> {
    return this.guard(async () => {
      const q: Doc = { incidentId };
      if (options.publicOnly) q.public = true;
      return (await this.col('incident_events').find(q).sort({ at: 1, n: 1 }).toArray()).map(toEvent);
    });
  }

  async publicUpdates(incidentIds: string[]): Promise<IncidentEvent[]> {
    if (!incidentIds.length) return [];
    return this.guard(async () =>
      (await this.col('incident_events').find({ incidentId: { $in: incidentIds.map(String) }, public: true }).sort({ at: 1, n: 1 }).toArray()).map(toEvent),
    );
  }

  async linkTicket(link: IncidentLink): Promise<boolean> {
    return this.guard(async () => {
      try {
        await this.col('incident_links').insertOne({ _id: link.ticket as never, ...link, n: sequence() });
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    });
  }

  async incidentLinks(incidentId: string): Promise<IncidentLink[]> {
    return this.guard(async () =>
      (await this.col('incident_links').find({ incidentId }).sort({ linkedAt: 1, n: 1 }).toArray()).map((d) => {
        const { _id, n, ...link } = d;
        void _id;
        void n;
        return link as unknown as IncidentLink;
      }),
    );
  }

  async incidentOfTicket(ticket: string): Promise<string | null> {
    return this.guard(async () => {
      const d = await this.col('incident_links').findOne({ _id: ticket as never }, { projection: { incidentId: 1 } });
      return d ? String(d.incidentId) : null;
    });
  }

  async markNotified(incidentId: string, conversationId: string, at: number): Promise<boolean> {
    return this.guard(async () => {
      try {
        await this.col('incident_notices').insertOne({ _id: `${incidentId}|${conversationId}` as never, incidentId, conversationId, at });
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    });
  }

  async notifiedConversations(incidentId: string): Promise<string[]> {
    return this.guard(async () => (await this.col('incident_notices').find({ incidentId }).toArray()).map((d) => String(d.conversationId)));
  }

  // ------------------------------------------------------------------------------ internals

  private async openOf(service: string): Promise<Incident | null> {
    const d = await this.col<IncidentDoc>('incidents').findOne({ service, state: 'open' });
    return d ? strip<Incident>(d) : null;
  }

  private async insertEvents(events: IncidentEvent[]): Promise<void> {
    if (!events.length) return;
    try {
      await this.col('incident_events').insertMany(
        events.map((e) => ({ _id: e.id as never, ...e, n: sequence() })),
        { ordered: false },
      );
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isTransient(err)) throw new TransientError(`MongoDB tidak tersedia: ${(err as Error).message}`, 1000);
      throw err;
    }
  }
}

let counter = 0;
/** Order of writes within one millisecond (events and links sort by time, then this). */
function sequence(): number {
  counter = (counter + 1) % 1000;
  return Date.now() * 1000 + counter;
}

function strip<T>(d: Doc): T {
  const { _id, version, ...rest } = d;
  void _id;
  void version;
  return rest as T;
}

function toEvent(d: Doc): IncidentEvent {
  const { _id, n, ...rest } = d;
  void n;
  return { ...(rest as Omit<IncidentEvent, 'id'>), id: String(_id) };
}

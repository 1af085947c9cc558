/**
 * The suite every OperationsStore adapter must pass (src/operations/port.ts): SQLite always,
 * MongoDB when MONGODB_URI is set. Tests share one store per suite and isolate themselves with
 * unique service ids and incident ids.
 */
import { ConflictError, NotFoundError } from '../../src/domain/errors';
import type { OperationsStore } from '../../src/operations/port';
import type { CheckResult, Incident, IncidentEvent, MonitorState } from '../../src/operations/types';
import { jakartaDay } from '../../src/operations/days';
import { uniq } from '../helpers/store-fixtures';

const DAY = 24 * 60 * 60 * 1000;

export function incidentFixture(service: string, overrides: Partial<Incident> = {}): Incident {
  const at = overrides.startedAt ?? Date.now();
  return {
    id: uniq('INS-'),
    service,
    agency: 'bkpsdm',
    coAgencies: [],
    state: 'open',
    source: 'officer',
    title: 'SIMPEG tidak dapat diakses',
    startedAt: at,
    resolvedAt: null,
    openedBy: 'ofc-1',
    resolvedBy: null,
    resolutionMessage: null,
    monitorConfirmed: false,
    review: null,
    ticketResolution: null,
    notices: { state: 'none', recipients: 0, doneAt: null },
    updatedAt: at,
    ...overrides,
  };
}

const ev = (incidentId: string, kind: IncidentEvent['kind'], message: string, isPublic: boolean, at = Date.now()): IncidentEvent => ({
  id: uniq(`${incidentId}:${kind}:`),
  incidentId,
  at,
  by: 'ofc-1',
  kind,
  message,
  public: isPublic,
});

function check(service: string, at: number, ok: boolean): CheckResult {
  return { service, at, ok, statusCode: ok ? 200 : 503, durationMs: 12, error: ok ? null : 'kode jawaban HTTP 503', certExpiresAt: null, probedBy: 'host:1' };
}

function state(service: string, status: MonitorState['status'], at: number): MonitorState {
  return { service, status, since: at, failures: 0, successes: 1, lastCheckAt: at, lastError: null, lastDurationMs: 12, certExpiresAt: null, certWarnedFor: null };
}

export function runOperationsStoreContract(name: string, make: () => Promise<OperationsStore>, cleanup: () => Promise<void>): void {
  describe(`OperationsStore contract: ${name}`, () => {
    let ops: OperationsStore;
    beforeAll(async () => {
      ops = await make();
    });
    afterAll(async () => {
      await cleanup();
    });

    describe('monitors', () => {
      it('keeps every check, its day counts, the latest state and state changes', async () => {
        const service = uniq('svc-');
        const t0 = Date.UTC(2026, 10, 23, 3, 0, 0); // 10.00 WIB
        await ops.recordCheck(check(service, t0, true), state(service, 'up', t0), null);
        await ops.recordCheck(check(service, t0 + 60_000, false), { ...state(service, 'up', t0), failures: 1 }, null);
        await ops.recordCheck(check(service, t0 + 120_000, false), state(service, 'down', t0 + 120_000), { service, at: t0 + 120_000, kind: 'down', detail: 'gagal' });
        await ops.recordCheck(check(service, t0 + DAY, true), state(service, 'up', t0 + DAY), { service, at: t0 + DAY, kind: 'up', detail: 'pulih' });

        const checks = await ops.recentChecks(service, 10);
        expect(checks.map((c) => c.at)).toEqual([t0 + DAY, t0 + 120_000, t0 + 60_000, t0]);
        expect(checks[1]).toMatchObject({ ok: false, statusCode: 503, error: 'kode jawaban HTTP 503', probedBy: 'host:1' });
        expect(await ops.recentChecks(service, 2)).toHaveLength(2);

        const days = (await ops.dayCounts(jakartaDay(t0), jakartaDay(t0 + DAY))).filter((d) => d.service === service).sort((a, b) => a.day.localeCompare(b.day));
        expect(days).toEqual([
          { service, day: '2026-11-23', checks: 3, ups: 1 },
          { service, day: '2026-11-24', checks: 1, ups: 1 },
        ]);
        expect((await ops.dayCounts('2026-11-24', '2026-11-24')).filter((d) => d.service === service)).toHaveLength(1);

        expect((await ops.monitorStates()).find((s) => s.service === service)).toMatchObject({ status: 'up', since: t0 + DAY });
        const events = await ops.monitorEvents({ service, limit: 10 });
        expect(events.map((e) => e.kind)).toEqual(['up', 'down']);
        expect((await ops.monitorEvents({ limit: 1000 })).some((e) => e.service === service)).toBe(true);
      });

      it('prunes old raw checks but keeps the day counts', async () => {
        const service = uniq('svc-');
        const old = Date.UTC(2020, 0, 1);
        await ops.recordCheck(check(service, old, true), state(service, 'up', old), null);
        await ops.recordCheck(check(service, Date.now(), true), state(service, 'up', Date.now()), null);
        expect(await ops.pruneChecks(Date.UTC(2021, 0, 1))).toBeGreaterThanOrEqual(1);
        expect((await ops.recentChecks(service, 10)).map((c) => c.at)).not.toContain(old);
        expect((await ops.dayCounts('2020-01-01', '2020-01-01')).filter((d) => d.service === service)).toEqual([{ service, day: '2020-01-01', checks: 1, ups: 1 }]);
      });
    });

    describe('incidents', () => {
      it('keeps at most one open incident per service, even when opened at once', async () => {
        const service = uniq('svc-');
        const results = await Promise.all([1, 2, 3, 4].map(() => ops.openIncident(incidentFixture(service), [])));
        expect(results.filter((r) => r.created)).toHaveLength(1);
        const winner = results.find((r) => r.created)!.incident;
        expect(new Set(results.map((r) => r.incident.id))).toEqual(new Set([winner.id]));
        expect(await ops.openIncidentOf(service)).toMatchObject({ id: winner.id, state: 'open' });

        // Once it is resolved, a new one may open.
        await ops.updateIncident(winner.id, (cur) => ({ ...cur, state: 'resolved', resolvedAt: Date.now() }));
        expect(await ops.openIncidentOf(service)).toBeNull();
        const again = await ops.openIncident(incidentFixture(service), []);
        expect(again.created).toBe(true);
        expect(again.incident.id).not.toBe(winner.id);
      });

      it('updates atomically, appends events once, and passes errors of the change through', async () => {
        const service = uniq('svc-');
        const { incident } = await ops.openIncident(incidentFixture(service), []);
        const opened = ev(incident.id, 'dibuka', 'Diketahui', true, 1000);
        await ops.appendIncidentEvents([opened]);
        await ops.appendIncidentEvents([opened]); // same id: skipped
        const update = ev(incident.id, 'pembaruan', 'Server sedang dipulihkan', true, 2000);
        const note = ev(incident.id, 'pemantauan', 'Pemantau: 503', false, 3000);
        const next = await ops.updateIncident(incident.id, (cur) => ({ ...cur, title: 'Judul baru' }), [update, note]);
        expect(next.title).toBe('Judul baru');
        expect((await ops.getIncident(incident.id))!.title).toBe('Judul baru');
        expect((await ops.incidentEvents(incident.id)).map((e) => e.message)).toEqual(['Diketahui', 'Server sedang dipulihkan', 'Pemantau: 503']);
        expect((await ops.incidentEvents(incident.id, { publicOnly: true })).map((e) => e.kind)).toEqual(['dibuka', 'pembaruan']);

        await expect(
          ops.updateIncident(incident.id, () => {
            throw new ConflictError('sudah selesai');
          }),
        ).rejects.toBeInstanceOf(ConflictError);
        await expect(ops.updateIncident('INS-000000-000', (c) => c)).rejects.toBeInstanceOf(NotFoundError);
        expect(await ops.getIncident('INS-000000-000')).toBeNull();

        // Concurrent read-modify-writes lose nothing.
        await Promise.all(Array.from({ length: 8 }, (_, i) => ops.updateIncident(incident.id, (cur) => ({ ...cur, coAgencies: [...cur.coAgencies, `a${i}`] }))));
        expect((await ops.getIncident(incident.id))!.coAgencies.sort()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']);
      });

      it('lists by state, service and recent activity, newest first; public updates of many at once', async () => {
        const a = uniq('svc-');
        const b = uniq('svc-');
        const now = Date.now();
        const old = (await ops.openIncident(incidentFixture(a, { startedAt: now - 10 * DAY }), [])).incident;
        await ops.updateIncident(old.id, (c) => ({ ...c, state: 'resolved', resolvedAt: now - 9 * DAY }));
        const recent = (await ops.openIncident(incidentFixture(a, { startedAt: now - DAY }), [])).incident;
        await ops.updateIncident(recent.id, (c) => ({ ...c, state: 'resolved', resolvedAt: now - 1000 }));
        const current = (await ops.openIncident(incidentFixture(b, { startedAt: now }), [])).incident;

        const mine = (list: Incident[]) => list.filter((i) => i.service === a || i.service === b).map((i) => i.id);
        expect(mine(await ops.listIncidents({ services: [a, b] }))).toEqual([current.id, recent.id, old.id]);
        expect(mine(await ops.listIncidents({ state: 'open', services: [a, b] }))).toEqual([current.id]);
        expect(mine(await ops.listIncidents({ state: 'resolved', services: [a] }))).toEqual([recent.id, old.id]);
        expect(mine(await ops.listIncidents({ services: [a, b], activeSince: now - 2 * DAY }))).toEqual([current.id, recent.id]);
        expect(mine(await ops.listIncidents({ services: [a, b], limit: 1 }))).toEqual([current.id]);

        await ops.appendIncidentEvents([ev(recent.id, 'dibuka', 'r1', true, 1), ev(recent.id, 'pemantauan', 'internal', false, 2), ev(current.id, 'dibuka', 'c1', true, 3), ev(recent.id, 'selesai', 'r2', true, 4)]);
        const updates = await ops.publicUpdates([recent.id, current.id]);
        expect(updates.filter((u) => u.incidentId === recent.id).map((u) => u.message)).toEqual(['r1', 'r2']);
        expect(updates.filter((u) => u.incidentId === current.id).map((u) => u.message)).toEqual(['c1']);
        expect(updates.every((u) => u.public)).toBe(true);
        expect(await ops.publicUpdates([])).toEqual([]);
      });

      it('links a ticket to one incident only, in order, and records each reporter notified once', async () => {
        const service = uniq('svc-');
        const { incident } = await ops.openIncident(incidentFixture(service), []);
        const other = (await ops.openIncident(incidentFixture(uniq('svc-')), [])).incident;
        const t1 = uniq('HD-261123-');
        const t2 = uniq('HD-261123-');
        const link = (ticket: string, incidentId: string, at: number) => ({ incidentId, ticket, conversationId: `conv-${ticket}`, channel: 'telegram' as const, linkedAt: at });
        expect(await ops.linkTicket(link(t1, incident.id, 1))).toBe(true);
        expect(await ops.linkTicket(link(t1, incident.id, 2))).toBe(false);
        expect(await ops.linkTicket(link(t1, other.id, 3))).toBe(false);
        expect(await ops.linkTicket(link(t2, incident.id, 4))).toBe(true);
        expect((await ops.incidentLinks(incident.id)).map((l) => l.ticket)).toEqual([t1, t2]);
        expect((await ops.incidentLinks(incident.id))[0]).toEqual(link(t1, incident.id, 1));
        expect(await ops.incidentLinks(other.id)).toEqual([]);
        expect(await ops.incidentOfTicket(t1)).toBe(incident.id);
        expect(await ops.incidentOfTicket('HD-000000-0000')).toBeNull();

        expect(await ops.markNotified(incident.id, 'conv-a', 10)).toBe(true);
        expect(await ops.markNotified(incident.id, 'conv-a', 11)).toBe(false);
        expect(await ops.markNotified(other.id, 'conv-a', 12)).toBe(true);
        expect(await ops.markNotified(incident.id, 'conv-b', 13)).toBe(true);
        expect((await ops.notifiedConversations(incident.id)).sort()).toEqual(['conv-a', 'conv-b']);
      });
    });
  });
}

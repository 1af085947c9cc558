/** Incidents and availability of a period, in scope, against the catalog's availability targets. */
import type { Incident } from '../../../src/operations/types';
import { createIncidentFigures } from '../../../src/reports/incident-figures';
import { fixtureKnowledge } from '../dialogue/helpers/knowledge';

const knowledge = fixtureKnowledge();
const from = Date.UTC(2026, 10, 1) - 7 * 3_600_000;
const to = Date.UTC(2026, 11, 1) - 7 * 3_600_000;
const simpeg = [...knowledge.services.values()].find((s) => s.owners.includes('bkpsdm'))!;
const other = [...knowledge.services.values()].find((s) => !s.owners.includes('bkpsdm'))!;

function incident(over: Partial<Incident>): Incident {
  return {
    id: 'INS-261105-001', service: simpeg.id, agency: simpeg.owners[0]!, coAgencies: [], state: 'resolved', source: 'monitor', title: 'x',
    startedAt: from + 86_400_000, resolvedAt: from + 86_400_000 + 30 * 60_000, openedBy: 'monitor', resolvedBy: 'monitor', resolutionMessage: null,
    monitorConfirmed: true, review: null, ticketResolution: null, notices: { state: 'none', recipients: 0, doneAt: null }, updatedAt: 0, ...over,
  };
}

it('counts incidents opened in the period in scope, the median time to recover, and availability per monitored service', async () => {
  const incidents = [
    incident({}),
    incident({ id: 'b', source: 'reports', resolvedAt: from + 86_400_000 + 90 * 60_000 }),
    incident({ id: 'c', source: 'officer', state: 'open', resolvedAt: null }),
    incident({ id: 'd', startedAt: from - 1 }), // began before the period
    incident({ id: 'e', service: other.id, agency: other.owners[0]! }),
  ];
  const figures = createIncidentFigures({
    knowledge,
    store: {
      listIncidents: async (f) => incidents.filter((i) => !f.services || f.services.includes(i.service)),
      dayCounts: async (a, b) => {
        expect([a, b]).toEqual(['2026-11-01', '2026-11-30']);
        return [
          { service: simpeg.id, day: '2026-11-02', checks: 100, ups: 99 },
          { service: simpeg.id, day: '2026-11-03', checks: 100, ups: 97 },
          { service: other.id, day: '2026-11-03', checks: 10, ups: 10 },
        ];
      },
    },
  });
  const f = await figures({ from, to, agencies: ['bkpsdm'], service: null });
  expect(f).toMatchObject({ opened: 3, resolved: 2, stillOpen: 1, bySource: { monitor: 1, reports: 1, officer: 1 }, medianMinutesToRecover: 60, availability: 98 });
  expect(f.services).toEqual([expect.objectContaining({ service: simpeg.id, checks: 200, ups: 196, availability: 98 })]);
  const target = f.services[0]!.target;
  if (target !== null) expect(f.services[0]!.met).toBe(98 >= target);
  const all = await figures({ from, to, agencies: null, service: null });
  expect(all.opened).toBe(4);
  expect(all.services).toHaveLength(2);
});

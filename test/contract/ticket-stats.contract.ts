/**
 * The suite every TicketStats adapter must pass (src/tickets/ticket-stats.ts). Each adapter's test
 * file calls it with an opened, empty main store and the TicketStats over the same database.
 */
import type { Store } from '../../src/store/port';
import type { TicketStats } from '../../src/tickets/ticket-stats';
import { newTicket } from '../helpers/store-fixtures';

export function runTicketStatsContract(name: string, open: () => Promise<{ store: Store; stats: TicketStats }>, cleanup: (store: Store) => Promise<void>): void {
  describe(`TicketStats contract: ${name}`, () => {
    let store: Store;
    let stats: TicketStats;
    beforeAll(async () => {
      ({ store, stats } = await open());
    });
    afterAll(async () => {
      if (store) await cleanup(store);
    });

    it('is empty without tickets', async () => {
      expect(await stats.openByAgency(Date.now())).toEqual([]);
    });

    it('counts open tickets per primary agency, and the overdue ones among them', async () => {
      const now = 1_800_000_000_000;
      const sla = (resolveDueAt: number, pausedSince: number | null = null, pausedMs = 0) => ({ responseDueAt: 0, resolveDueAt, pausedMs, pausedSince, escalated: [] });
      const make = (agency: string, resolveDueAt: number, extra: Partial<Parameters<typeof newTicket>[0]> = {}) =>
        store.createTicket(newTicket({ agency, numberPrefix: 'HD-270115-', sla: sla(resolveDueAt), ...extra }));
      await make('bkpsdm', now - 1000); // overdue
      await make('bkpsdm', now + 60_000); // on time
      await make('bkpsdm', now - 5000, { coAgencies: ['diskominfo'] }); // overdue; co-agency not counted again
      const paused = await make('bapenda', now - 1000); // paused: its clock does not run
      await store.updateTicket(paused.number, (t) => ({ ...t, status: 'menunggu_pelapor', sla: { ...t.sla, pausedSince: now - 500 } }));
      const shifted = await make('bapenda', now - 1000); // a past pause moves its deadline past now
      await store.updateTicket(shifted.number, (t) => ({ ...t, sla: { ...t.sla, pausedMs: 10_000 } }));
      const done = await make('dinkes', now - 1000);
      await store.updateTicket(done.number, (t) => ({ ...t, status: 'selesai' }));
      const rejected = await make('dinkes', now - 1000);
      await store.updateTicket(rejected.number, (t) => ({ ...t, status: 'ditolak' }));
      const closed = await make('diskominfo', now + 1);
      await store.updateTicket(closed.number, (t) => ({ ...t, status: 'ditutup' }));

      expect(await stats.openByAgency(now)).toEqual([
        { agency: 'bapenda', open: 2, overdue: 0 },
        { agency: 'bkpsdm', open: 3, overdue: 2 },
      ]);
      // Later, the one on time and the shifted one are overdue too.
      expect(await stats.openByAgency(now + 120_000)).toEqual([
        { agency: 'bapenda', open: 2, overdue: 1 },
        { agency: 'bkpsdm', open: 3, overdue: 3 },
      ]);
    });
  });
}

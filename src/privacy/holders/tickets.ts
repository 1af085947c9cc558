/**
 * Tickets the person reported: anonymised, never deleted (statistics keep category, agency,
 * service, priority, status, dates, SLA and rating). Retention ('tiket_ditutup'): closed tickets
 * unchanged past the period.
 */
import { anonymiseTicketDoc } from '../anonymise';
import { counted, type HolderChange, type PersonalDataHolder, type RetentionRun, type SubjectScope } from '../registry';
import { createScrubber } from '../scrub';
import { BATCH, type CoreHolderDeps } from './deps';

const KEPT = 'kategori, perangkat daerah, layanan, tanggal, SLA dan penilaian tetap untuk statistik';

export function ticketsHolder(deps: CoreHolderDeps): PersonalDataHolder {
  const { store, pds } = deps;
  return {
    id: 'tiket',
    label: 'tiket',
    order: 20,
    retentionKey: 'tiket_ditutup',

    async export(scope: SubjectScope) {
      const tickets = [];
      for (const number of scope.ticketNumbers) {
        const t = await store.getTicket(number);
        if (t) tickets.push(t);
      }
      return tickets;
    },

    async erase(scope: SubjectScope): Promise<HolderChange> {
      let n = 0;
      for (const number of scope.ticketNumbers) {
        await store.updateTicket(number, (t) => anonymiseTicketDoc(t, scope.scrub, scope.released));
        await pds.forgetTicketKey(number);
        n++;
      }
      return { count: n, summary: n ? `${n} tiket dianonimkan (${KEPT})` : counted(0, 'tiket') };
    },

    async retain(run: RetentionRun): Promise<HolderChange> {
      const cutoff = run.cutoff('tiket_ditutup');
      let n = 0;
      let skipped = 0;
      for (;;) {
        const numbers = await pds.closedTicketsBefore(cutoff, BATCH, skipped);
        if (!numbers.length) break;
        for (const number of numbers) {
          const t = await store.getTicket(number);
          if (!t) {
            skipped++;
            continue;
          }
          const scrub = createScrubber({ names: [t.reporter.name] });
          await store.updateTicket(number, (current) => anonymiseTicketDoc(current, scrub, run.released));
          await pds.forgetTicketKey(number);
          run.anonymisedTickets.push(number);
          n++;
        }
      }
      return { count: n, summary: n ? `${n} tiket ditutup dianonimkan (${KEPT})` : counted(0, 'tiket ditutup') };
    },
  };
}

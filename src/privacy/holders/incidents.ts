/**
 * Links between the person's tickets and service incidents (src/operations): which incident a
 * report was attached to, and whether the reporter was told of the recovery. Links hold only
 * ticket numbers, conversation ids and the channel (no name, contact or text), and they count
 * reports per incident: erasure leaves them, and says so.
 */
import type { IncidentStore } from '../../operations/port';
import type { HolderChange, PersonalDataHolder, SubjectScope } from '../registry';

export function incidentsHolder(ops: Pick<IncidentStore, 'incidentOfTicket' | 'getIncident' | 'incidentLinks' | 'notifiedConversations'>): PersonalDataHolder {
  return {
    id: 'insiden',
    label: 'tautan laporan ke insiden layanan',
    order: 70,
    async export(scope: SubjectScope) {
      const out = [];
      const conversations = new Set(scope.conversations.map((c) => c.id));
      for (const ticket of scope.ticketNumbers) {
        const incidentId = await ops.incidentOfTicket(ticket);
        if (!incidentId) continue;
        const incident = await ops.getIncident(incidentId);
        const link = (await ops.incidentLinks(incidentId)).find((l) => l.ticket === ticket) ?? null;
        const notified = (await ops.notifiedConversations(incidentId)).some((id) => conversations.has(id));
        out.push({
          tiket: ticket,
          insiden: incident ? { id: incident.id, service: incident.service, title: incident.title, state: incident.state, startedAt: incident.startedAt, resolvedAt: incident.resolvedAt } : incidentId,
          tautan: link,
          diberiTahuSaatPulih: notified,
        });
      }
      return out;
    },
    async erase(): Promise<HolderChange> {
      // Nothing personal to remove: the links name tickets (anonymised by the ticket holder).
      return { count: 0, summary: 'tautan hanya memuat nomor tiket; tetap untuk statistik insiden' };
    },
  };
}

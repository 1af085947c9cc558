/**
 * Who may see and work incidents (interfaces.md section 7: scope as for tickets). Koordinator
 * layanan and koordinator pemulihan: every service. Pengelola layanan and pengelola teknis: the
 * services their agency owns (primary or co-owner). Penyedia layanan: reads its agency's
 * incidents, changes nothing.
 */
import type { Service } from '../knowledge/types';
import { readsEverything, type Who } from '../officers/scope';
import type { Incident } from './types';

const owners = (i: Pick<Incident, 'agency' | 'coAgencies'>) => [i.agency, ...i.coAgencies];

export function canReadIncident(o: Who, i: Pick<Incident, 'agency' | 'coAgencies'>): boolean {
  return readsEverything(o) || owners(i).includes(o.agency);
}

export function canActOnIncident(o: Who, i: Pick<Incident, 'agency' | 'coAgencies'>): boolean {
  switch (o.role) {
    case 'koordinator-layanan':
    case 'koordinator-pemulihan':
      return true;
    case 'pengelola-layanan':
    case 'pengelola-teknis':
      return owners(i).includes(o.agency);
    case 'penyedia-layanan':
      return false;
  }
}

/** Opening an incident for a service: as acting on an incident of it. */
export function canOpenIncident(o: Who, service: Pick<Service, 'owners'>): boolean {
  const [agency, ...coAgencies] = service.owners;
  return canActOnIncident(o, { agency: agency ?? '', coAgencies });
}

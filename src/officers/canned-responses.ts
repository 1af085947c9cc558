/** Canned responses (template replies) per agency, kept in store docs 'canned-responses'. */
import { ForbiddenError, NotFoundError, UserInputError } from '../domain/errors';
import type { Officer } from '../store/port';
import { audit, type OfficerDeps } from './deps';
import { canEditCanned, canReadCanned, GENERAL_QUEUE_AGENCY, readsEverything } from './scope';

export const CANNED = 'canned-responses';
export const CANNED_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

export interface CannedResponse {
  id: string;
  agency: string;
  title: string;
  text: string;
  updatedAt: number;
  updatedBy: string;
}

export interface CannedResponses {
  list(officer: Officer, agency?: string): Promise<CannedResponse[]>;
  put(officer: Officer, input: { id: string; agency?: string; title: string; text: string }): Promise<CannedResponse>;
  remove(officer: Officer, input: { id: string; agency?: string }): Promise<void>;
}

export function createCannedResponses(deps: OfficerDeps): CannedResponses {
  const { store, now } = deps;
  const key = (agency: string, id: string) => `${agency}:${id}`;

  function checkAgency(agency: string): void {
    if (!deps.knowledge.agencies.has(agency)) throw new UserInputError(`Perangkat daerah '${agency}' tidak dikenal.`);
  }

  return {
    async list(officer, agency) {
      if (agency) {
        checkAgency(agency);
        if (!canReadCanned(officer, agency)) throw new ForbiddenError('Balasan cepat instansi itu di luar cakupan Anda.');
      }
      const all = (await store.listDocs<CannedResponse>(CANNED)).map((d) => d.value);
      const visible = all.filter((c) =>
        agency ? c.agency === agency : readsEverything(officer) || c.agency === officer.agency || c.agency === GENERAL_QUEUE_AGENCY,
      );
      return visible.sort((a, b) => a.agency.localeCompare(b.agency) || a.title.localeCompare(b.title, 'id'));
    },

    async put(officer, input) {
      const agency = input.agency ?? officer.agency;
      checkAgency(agency);
      if (!canEditCanned(officer, agency)) throw new ForbiddenError('Anda tidak berwenang mengubah balasan cepat instansi ini.');
      const existing = await store.getDoc<CannedResponse>(CANNED, key(agency, input.id));
      const value: CannedResponse = { id: input.id, agency, title: input.title, text: input.text, updatedAt: now(), updatedBy: officer.id };
      await store.putDoc(CANNED, key(agency, input.id), value);
      await audit(deps, officer.id, existing ? 'canned.update' : 'canned.create', `canned:${agency}:${input.id}`);
      return value;
    },

    async remove(officer, input) {
      const agency = input.agency ?? officer.agency;
      checkAgency(agency);
      if (!canEditCanned(officer, agency)) throw new ForbiddenError('Anda tidak berwenang mengubah balasan cepat instansi ini.');
      if (!(await store.getDoc<CannedResponse>(CANNED, key(agency, input.id)))) throw new NotFoundError('Balasan cepat tidak ditemukan.');
      await store.deleteDoc(CANNED, key(agency, input.id));
      await audit(deps, officer.id, 'canned.delete', `canned:${agency}:${input.id}`);
    },
  };
}

/**
 * Telegram notification groups of agencies. A koordinator creates a one-time code for an agency
 * (docs 'telegram-registration-codes', valid 24 h); `/daftar_grup <kode>` in a group redeems it
 * (channels/telegram/group-commands.ts) and links the group (docs 'telegram-groups').
 */
import { randomInt } from 'node:crypto';
import { ForbiddenError, UserInputError } from '../domain/errors';
import type { Officer, Store } from '../store/port';
import type { Knowledge } from '../knowledge/types';
import { audit, type OfficerDeps } from './deps';
import { canCreateGroupCode } from './scope';

export const REGISTRATION_CODES = 'telegram-registration-codes';
export const GROUPS = 'telegram-groups';
export const CODE_TTL_MS = 24 * 60 * 60_000;
// No 0/O, 1/I/L: codes are typed by hand.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

interface CodeDoc {
  agency: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
}

export interface GroupDoc {
  chatId: string;
  title: string;
  agency: string;
  registeredAt: number;
  registeredBy: { id: string; name: string };
}

export interface AgencyGroupRegistry {
  createCode(officer: Officer, agency: string): Promise<{ code: string; agency: string; expiresAt: number }>;
  register(code: string, chat: { id: string; title: string }, by: { id: string; name: string }): Promise<{ agencyName: string } | null>;
  unregister(chatId: string): Promise<boolean>;
  /** Chat ids of the agency's registered groups. */
  groupsOf(agency: string): Promise<string[]>;
}

export function createGroupRegistry(deps: Pick<OfficerDeps, 'store' | 'now' | 'logger'> & { knowledge: Pick<Knowledge, 'agencies'>; store: Store }): AgencyGroupRegistry {
  const { store, now } = deps;
  return {
    async createCode(officer, agency) {
      if (!canCreateGroupCode(officer)) throw new ForbiddenError('Hanya koordinator yang dapat membuat kode pendaftaran grup.');
      if (!deps.knowledge.agencies.has(agency)) throw new UserInputError(`Perangkat daerah '${agency}' tidak dikenal.`);
      const code = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
      const createdAt = now();
      const expiresAt = createdAt + CODE_TTL_MS;
      await store.putDoc<CodeDoc>(REGISTRATION_CODES, code, { agency, createdBy: officer.id, createdAt, expiresAt });
      await audit(deps, officer.id, 'telegram.code', `agency:${agency}`, { expiresAt });
      return { code, agency, expiresAt };
    },

    async register(code, chat, by) {
      const normalized = code.trim().toUpperCase();
      if (!/^[A-Z0-9]{6,20}$/.test(normalized)) return null;
      const doc = await store.getDoc<CodeDoc>(REGISTRATION_CODES, normalized);
      if (!doc) return null;
      await store.deleteDoc(REGISTRATION_CODES, normalized); // one-time, also when expired
      if (doc.expiresAt <= now()) return null;
      await store.putDoc<GroupDoc>(GROUPS, chat.id, { chatId: chat.id, title: chat.title, agency: doc.agency, registeredAt: now(), registeredBy: by });
      await audit(deps, `telegram:${by.id}`, 'telegram.register', `agency:${doc.agency}`, { chatId: chat.id });
      return { agencyName: deps.knowledge.agencies.get(doc.agency)?.name ?? doc.agency };
    },

    async unregister(chatId) {
      const existing = await store.getDoc<GroupDoc>(GROUPS, chatId);
      if (!existing) return false;
      await store.deleteDoc(GROUPS, chatId);
      await audit(deps, 'telegram', 'telegram.unregister', `agency:${existing.agency}`, { chatId });
      return true;
    },

    async groupsOf(agency) {
      return (await store.listDocs<GroupDoc>(GROUPS)).filter((d) => d.value.agency === agency).map((d) => d.value.chatId);
    },
  };
}

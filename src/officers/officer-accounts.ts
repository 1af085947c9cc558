/**
 * Officer accounts managed from the console (interfaces.md section 9), by the koordinator-layanan
 * only: list, create, and change one (active, role, agency, password). Validation is the one the
 * `user:add` CLI uses (officer-admin.ts). Deactivating an officer or giving them a new password
 * ends their sessions at once (session-revocation.ts); every change is in the audit trail.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, UserInputError } from '../domain/errors';
import type { OfficerRole } from '../domain/ids';
import { publishInbox } from '../engine/live-events';
import type { Knowledge } from '../knowledge/types';
import type { EventBus } from '../queue/port';
import type { Logger } from '../runtime/logger';
import type { Officer, Store } from '../store/port';
import { audit } from './deps';
import { officerInputProblems, type OfficerInput } from './officer-admin';
import { hashPassword } from './passwords';
import { canManageOfficers, ROLE_LABELS } from './scope';
import { endSessions } from './session-revocation';

export interface OfficerAccountView {
  id: string;
  email: string;
  name: string;
  role: OfficerRole;
  roleLabel: string;
  agency: string;
  agencyName: string;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface OfficerListFilter {
  /** Part of the name or e-mail, case-insensitive. */
  q?: string;
  role?: OfficerRole;
  agency?: string;
  active?: boolean;
  limit: number;
  offset: number;
}

export interface NewOfficerInput {
  email: string;
  name: string;
  role: string;
  agency: string;
  password: string;
}

export interface OfficerChange {
  active?: boolean;
  role?: string;
  agency?: string;
  password?: string;
}

export interface OfficerAccounts {
  list(actor: Officer, filter: OfficerListFilter): Promise<{ officers: OfficerAccountView[]; total: number }>;
  create(actor: Officer, input: NewOfficerInput): Promise<OfficerAccountView>;
  /** `actorTokenHash`: the session making the change (kept when officers change their own password). */
  update(actor: Officer, id: string, change: OfficerChange, actorTokenHash?: string): Promise<{ officer: OfficerAccountView; sessionsEnded: number }>;
}

export interface OfficerAccountsDeps {
  store: Store;
  knowledge: Pick<Knowledge, 'agencies'>;
  now: () => number;
  logger: Logger;
  /** Tells open console streams (every process) that an officer's sessions ended. */
  events?: EventBus;
}

/** Live 'inbox' event: the officer's consoles end their stream (except the session `except`, a token hash). */
export const SESSIONS_ENDED = 'sessions-ended';

const apiLabel = (field: string) => `Kolom "${field}"`;

export function createOfficerAccounts(deps: OfficerAccountsDeps): OfficerAccounts {
  const { store, knowledge, now } = deps;
  // One change per officer at a time in this process (read-modify-write of the account).
  const busy = new Map<string, Promise<unknown>>();
  const serial = <T>(id: string, work: () => Promise<T>): Promise<T> => {
    const run = (busy.get(id) ?? Promise.resolve()).then(work);
    // The chain never rejects (the caller handles `run`'s error).
    const tail: Promise<unknown> = run.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      if (busy.get(id) === tail) busy.delete(id);
    });
    busy.set(id, tail);
    return run;
  };

  function allowed(actor: Officer): void {
    if (!canManageOfficers(actor)) throw new ForbiddenError('Hanya Koordinator Layanan yang dapat mengelola akun petugas.');
  }

  function view(o: Officer): OfficerAccountView {
    return {
      id: o.id,
      email: o.email,
      name: o.name,
      role: o.role,
      roleLabel: ROLE_LABELS[o.role] ?? o.role,
      agency: o.agency,
      agencyName: knowledge.agencies.get(o.agency)?.name ?? o.agency,
      active: o.active,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
    };
  }

  function check(input: OfficerInput, current?: Officer): void {
    const problems = officerInputProblems(input, knowledge, { label: apiLabel, ...(current ? { partial: true, current } : {}) });
    if (problems.length) throw new UserInputError(problems.join(' '), problems);
  }

  return {
    async list(actor, filter) {
      allowed(actor);
      const q = filter.q?.trim().toLowerCase();
      const all = (await store.listOfficers({ ...(filter.role ? { role: filter.role } : {}), ...(filter.agency ? { agency: filter.agency } : {}) })).filter(
        (o) => (filter.active === undefined || o.active === filter.active) && (!q || o.name.toLowerCase().includes(q) || o.email.toLowerCase().includes(q)),
      );
      return { officers: all.slice(filter.offset, filter.offset + filter.limit).map(view), total: all.length };
    },

    async create(actor, input) {
      allowed(actor);
      check(input);
      const email = input.email.trim().toLowerCase();
      if (await store.findOfficerByEmail(email)) throw new ConflictError(`E-mail ${email} sudah dipakai petugas lain.`);
      const officer = await store.upsertOfficer({
        id: `ofc-${randomUUID()}`,
        email,
        name: input.name.trim(),
        role: input.role.trim() as OfficerRole,
        agency: input.agency.trim(),
        passwordHash: await hashPassword(input.password),
        active: true,
      });
      await audit(deps, actor.id, 'officer.create', `officer:${officer.id}`, { role: officer.role, agency: officer.agency });
      return view(officer);
    },

    async update(actor, id, change, actorTokenHash) {
      allowed(actor);
      if (change.active === undefined && change.role === undefined && change.agency === undefined && change.password === undefined) {
        throw new UserInputError('Tidak ada yang diubah (kirim active, role, agency atau password).');
      }
      return serial(id, async () => {
        const current = await store.getOfficer(id);
        if (!current) throw new NotFoundError('Petugas tidak ditemukan.');
        check(change, current);
        const role = (change.role?.trim() as OfficerRole | undefined) ?? current.role;
        const agency = change.agency?.trim() ?? current.agency;
        const active = change.active ?? current.active;
        if (current.id === actor.id) {
          // The koordinator-layanan cannot lock themselves (or the service) out of officer management.
          if (!active) throw new ConflictError('Anda tidak dapat menonaktifkan akun Anda sendiri.');
          if (role !== current.role || agency !== current.agency) throw new ConflictError('Anda tidak dapat mengubah peran atau instansi akun Anda sendiri.');
        }
        const passwordHash = change.password !== undefined ? await hashPassword(change.password) : current.passwordHash;
        const saved = await store.upsertOfficer({ ...current, role, agency, active, passwordHash });

        let sessionsEnded = 0;
        const deactivated = current.active && !active;
        if (deactivated || change.password !== undefined) {
          const keep = id === actor.id ? actorTokenHash : undefined;
          sessionsEnded = await endSessions(store, id, now(), keep);
          if (deps.events) publishInbox(deps.events, { kind: SESSIONS_ENDED, officerId: id, ...(keep ? { except: keep } : {}) });
        }
        const target = `officer:${id}`;
        if (deactivated) await audit(deps, actor.id, 'officer.deactivate', target, { sessionsEnded });
        if (!current.active && active) await audit(deps, actor.id, 'officer.activate', target);
        if (role !== current.role || agency !== current.agency) {
          await audit(deps, actor.id, 'officer.update', target, {
            ...(role !== current.role ? { role: { from: current.role, to: role } } : {}),
            ...(agency !== current.agency ? { agency: { from: current.agency, to: agency } } : {}),
          });
        }
        if (change.password !== undefined) await audit(deps, actor.id, 'officer.password', target, deactivated ? {} : { sessionsEnded });
        return { officer: view(saved), sessionsEnded };
      });
    },
  };
}

/** Creating and updating officer accounts (the `user:add` CLI; tests use the same logic). */
import { randomUUID } from 'node:crypto';
import { UserInputError } from '../domain/errors';
import { OFFICER_ROLES, type OfficerRole } from '../domain/ids';
import type { Knowledge } from '../knowledge/types';
import type { Officer, Store } from '../store/port';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords';
import { DISKOMINFO_ONLY_ROLES, GENERAL_QUEUE_AGENCY } from './scope';

export interface OfficerInput {
  email?: string;
  password?: string;
  role?: string;
  agency?: string;
  name?: string;
}

export const EMAIL_PATTERN = /^[^\s@"'<>()[\],;:\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export interface ProblemOptions {
  /** How a field is named in the messages: `--email` for the CLI (default), `"email"` for the API. */
  label?: (field: keyof OfficerInput) => string;
  /** Only the fields present are checked (an update); the others are taken from `current`. */
  partial?: boolean;
  /** The stored officer an update applies to (role and agency are checked together). */
  current?: Pick<OfficerInput, 'role' | 'agency'>;
}

const cliLabel = (field: string) => `--${field}`;

/** Every problem with the input, in Indonesian (empty when valid). */
export function officerInputProblems(input: OfficerInput, knowledge: Pick<Knowledge, 'agencies'>, options: ProblemOptions = {}): string[] {
  const label = options.label ?? cliLabel;
  const check = (field: keyof OfficerInput) => !options.partial || input[field] !== undefined;
  const problems: string[] = [];
  const email = input.email?.trim() ?? '';
  if (check('email')) {
    if (!email) problems.push(`${label('email')} wajib diisi.`);
    else if (email.length > 254 || !EMAIL_PATTERN.test(email)) problems.push(`Alamat e-mail '${email.slice(0, 254)}' tidak valid.`);
  }
  if (check('password')) {
    if (!input.password) problems.push(`${label('password')} wajib diisi.`);
    else if (input.password.length < MIN_PASSWORD_LENGTH) problems.push(`Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter.`);
    else if (input.password.length > 200) problems.push('Kata sandi maksimal 200 karakter.');
  }
  const role = (check('role') ? input.role : options.current?.role)?.trim() ?? '';
  if (check('role')) {
    if (!role) problems.push(`${label('role')} wajib diisi (salah satu: ${OFFICER_ROLES.join(', ')}).`);
    else if (!(OFFICER_ROLES as readonly string[]).includes(role)) problems.push(`Peran '${role.slice(0, 60)}' tidak dikenal. Pilih salah satu: ${OFFICER_ROLES.join(', ')}.`);
  }
  const agency = (check('agency') ? input.agency : options.current?.agency)?.trim() ?? '';
  if (check('agency')) {
    if (!agency) problems.push(`${label('agency')} wajib diisi (id perangkat daerah, mis. bkpsdm).`);
    else if (!knowledge.agencies.has(agency)) problems.push(`Perangkat daerah '${agency.slice(0, 60)}' tidak dikenal. Pilih salah satu: ${[...knowledge.agencies.keys()].join(', ')}.`);
  }
  if ((DISKOMINFO_ONLY_ROLES as readonly string[]).includes(role) && agency && agency !== GENERAL_QUEUE_AGENCY) {
    problems.push(`Peran '${role}' hanya untuk Unit Pengelola TIK (${label('agency')} ${GENERAL_QUEUE_AGENCY}).`);
  }
  if (check('name')) {
    const name = input.name?.trim() ?? '';
    if (!name) problems.push(`${label('name')} wajib diisi.`);
    else if (name.length > 120) problems.push('Nama maksimal 120 karakter.');
  }
  return problems;
}

/** Creates the officer, or updates the one with this e-mail (role, agency, name, password). */
export async function addOrUpdateOfficer(store: Store, knowledge: Pick<Knowledge, 'agencies'>, input: OfficerInput): Promise<{ officer: Officer; created: boolean }> {
  const problems = officerInputProblems(input, knowledge);
  if (problems.length) throw new UserInputError(problems.join('\n'), problems);
  const email = input.email!.trim().toLowerCase();
  const existing = await store.findOfficerByEmail(email);
  const officer = await store.upsertOfficer({
    id: existing?.id ?? `ofc-${randomUUID()}`,
    email,
    name: input.name!.trim(),
    role: input.role!.trim() as OfficerRole,
    agency: input.agency!.trim(),
    passwordHash: await hashPassword(input.password!),
    active: true,
    ...(existing ? { createdAt: existing.createdAt } : {}),
  });
  return { officer, created: !existing };
}

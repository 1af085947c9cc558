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

/** Every problem with the input, in Indonesian (empty when valid). */
export function officerInputProblems(input: OfficerInput, knowledge: Pick<Knowledge, 'agencies'>): string[] {
  const problems: string[] = [];
  const email = input.email?.trim() ?? '';
  if (!email) problems.push('--email wajib diisi.');
  else if (email.length > 254 || !EMAIL_PATTERN.test(email)) problems.push(`Alamat e-mail '${email}' tidak valid.`);
  if (!input.password) problems.push('--password wajib diisi.');
  else if (input.password.length < MIN_PASSWORD_LENGTH) problems.push(`Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter.`);
  else if (input.password.length > 200) problems.push('Kata sandi maksimal 200 karakter.');
  const role = input.role?.trim() ?? '';
  if (!role) problems.push(`--role wajib diisi (salah satu: ${OFFICER_ROLES.join(', ')}).`);
  else if (!(OFFICER_ROLES as readonly string[]).includes(role)) problems.push(`Peran '${role}' tidak dikenal. Pilih salah satu: ${OFFICER_ROLES.join(', ')}.`);
  const agency = input.agency?.trim() ?? '';
  if (!agency) problems.push('--agency wajib diisi (id perangkat daerah, mis. bkpsdm).');
  else if (!knowledge.agencies.has(agency)) problems.push(`Perangkat daerah '${agency}' tidak dikenal. Pilih salah satu: ${[...knowledge.agencies.keys()].join(', ')}.`);
  if ((DISKOMINFO_ONLY_ROLES as readonly string[]).includes(role) && agency && agency !== GENERAL_QUEUE_AGENCY) {
    problems.push(`Peran '${role}' hanya untuk Unit Pengelola TIK (--agency ${GENERAL_QUEUE_AGENCY}).`);
  }
  const name = input.name?.trim() ?? '';
  if (!name) problems.push('--name wajib diisi.');
  else if (name.length > 120) problems.push('Nama maksimal 120 karakter.');
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

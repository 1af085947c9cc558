/**
 * The audit trail as the koordinators read it in the console: filtered (actor, action, target,
 * time range), newest first, a page at a time, with the acting officers' names. Personal data is
 * masked on the way out as the privacy tools do (src/privacy/scrub.ts): e-mail addresses, phone
 * numbers, NIK/NIP and other long numbers in the details; a Telegram user acting; the e-mail of a
 * failed log-in unless it is an officer's (staff data). Ids (UUIDs) and IP addresses stay readable.
 */
import { ForbiddenError } from '../domain/errors';
import { createScrubber, PLACEHOLDER } from '../privacy/scrub';
import type { AuditEvent, Officer, Store } from '../store/port';
import { canReadAudit } from './scope';

export interface AuditQuery {
  /** An officer id, an officer's e-mail, or a system actor ('system', 'anonymous', 'bot', ...). */
  actor?: string;
  action?: string;
  target?: string;
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

export interface AuditView {
  at: number;
  actor: string;
  /** The officer's name when the actor is an officer. */
  actorName: string | null;
  action: string;
  target: string;
  details?: Record<string, unknown>;
}

export interface AuditTrail {
  read(reader: Officer, query: AuditQuery): Promise<{ events: AuditView[]; hasMore: boolean }>;
}

/** Kept as they are while the rest of a text is scrubbed: UUIDs (ids) and IPv4 addresses. */
const KEEP = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])/gi;
const scrubber = createScrubber();

export function maskAuditText(text: string): string {
  const kept: string[] = [];
  const held = text.split('\u0000').join('').replace(KEEP, (m) => `\u0000${kept.push(m) - 1}\u0000`);
  // eslint-disable-next-line no-control-regex -- NUL marks the kept parts (removed from the text first)
  return scrubber(held).replace(/\u0000(\d+)\u0000/g, (_m, i: string) => kept[Number(i)] ?? '');
}

function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskAuditText(value);
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]));
  return value;
}

/** One event as a koordinator may see it. `officerEmails`: lower-case e-mails of officers. */
export function maskAuditEvent(e: AuditEvent, officerEmails: ReadonlySet<string>): Omit<AuditView, 'actorName'> {
  const actor = /^telegram:/.test(e.actor) && e.actor !== 'telegram' ? `telegram:${PLACEHOLDER.contact}` : e.actor;
  const email = /^email:(.*)$/s.exec(e.target)?.[1];
  const target = email !== undefined ? (officerEmails.has(email.toLowerCase()) ? e.target : `email:${PLACEHOLDER.email}`) : e.target;
  return { at: e.at, actor, action: e.action, target, ...(e.details ? { details: maskDeep(e.details) as Record<string, unknown> } : {}) };
}

export function createAuditTrail(deps: { store: Store }): AuditTrail {
  const { store } = deps;
  return {
    async read(reader, query) {
      if (!canReadAudit(reader)) throw new ForbiddenError('Hanya koordinator yang dapat membaca jejak audit.');
      const officers = await store.listOfficers();
      let actor = query.actor;
      if (actor?.includes('@')) actor = officers.find((o) => o.email.toLowerCase() === actor!.toLowerCase())?.id ?? actor;
      const found = await store.listAudit({
        ...(actor !== undefined ? { actor } : {}),
        ...(query.action !== undefined ? { action: query.action } : {}),
        ...(query.target !== undefined ? { target: query.target } : {}),
        ...(query.from !== undefined ? { from: query.from } : {}),
        ...(query.to !== undefined ? { to: query.to } : {}),
        limit: query.limit + 1,
        offset: query.offset,
      });
      const names = new Map(officers.map((o) => [o.id, o.name]));
      const emails = new Set(officers.map((o) => o.email.toLowerCase()));
      return {
        events: found.slice(0, query.limit).map((e) => ({ ...maskAuditEvent(e, emails), actorName: names.get(e.actor) ?? null })),
        hasMore: found.length > query.limit,
      };
    },
  };
}

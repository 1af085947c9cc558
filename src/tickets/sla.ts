/**
 * SLA clocks of tickets. Targets come from flows/sla.yaml in working hours; due times are
 * computed on the working calendar, so nights, weekends and holidays do not count. While the
 * ticket waits on the reporter (status menunggu_pelapor) the resolution clock is paused: the
 * paused wall-clock time accumulates in pausedMs and, on resume, the resolution due time moves
 * later by the working time that passed while paused.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { SERVICE_KINDS, TICKET_CATEGORIES, TICKET_PRIORITIES } from '../domain/ids';
import type { ServiceKind, TicketCategory, TicketPriority } from '../domain/ids';
import type { Ticket, TicketSla } from '../store/port';
import type { BusinessCalendar } from './business-calendar';
import { DataFileError } from '../domain/errors';
import { DEFAULT_FLOWS_DIR, displayName, readYaml, validateData } from './data-files';

export interface SlaTarget {
  responseMinutes: number;
  resolutionMinutes: number;
}

export interface SlaConfig {
  targets: Record<TicketCategory, Record<TicketPriority, SlaTarget>>;
  defaultPriority: Record<TicketCategory, Record<ServiceKind | 'tanpa_layanan', TicketPriority>>;
}

const hours = z.number().positive('harus lebih dari 0');
const targetSchema = z.object({ respons_jam: hours, penyelesaian_jam: hours }).strict();
const byPriority = z.object(Object.fromEntries(TICKET_PRIORITIES.map((p) => [p, targetSchema])) as Record<TicketPriority, typeof targetSchema>).strict();
const priorityEnum = z.enum(TICKET_PRIORITIES);
const byKind = z.object(
  Object.fromEntries([...SERVICE_KINDS, 'tanpa_layanan'].map((k) => [k, priorityEnum])) as Record<ServiceKind | 'tanpa_layanan', typeof priorityEnum>,
).strict();
const slaFileSchema = z.object({
  target: z.object(Object.fromEntries(TICKET_CATEGORIES.map((c) => [c, byPriority])) as Record<TicketCategory, typeof byPriority>).strict(),
  prioritas_bawaan: z.object(Object.fromEntries(TICKET_CATEGORIES.map((c) => [c, byKind])) as Record<TicketCategory, typeof byKind>).strict(),
}).strict();

export function loadSlaConfig(flowsDir: string = DEFAULT_FLOWS_DIR): SlaConfig {
  const path = join(flowsDir, 'sla.yaml');
  const file = displayName(path);
  const data = validateData(slaFileSchema, file, readYaml(path));
  const targets = {} as SlaConfig['targets'];
  for (const c of TICKET_CATEGORIES) {
    targets[c] = {} as Record<TicketPriority, SlaTarget>;
    for (const p of TICKET_PRIORITIES) {
      const t = data.target[c][p];
      if (t.penyelesaian_jam < t.respons_jam) {
        throw new DataFileError(file, null, `target.${c}.${p}.penyelesaian_jam`, 'tidak boleh lebih kecil dari respons_jam');
      }
      targets[c][p] = { responseMinutes: Math.round(t.respons_jam * 60), resolutionMinutes: Math.round(t.penyelesaian_jam * 60) };
    }
  }
  return { targets, defaultPriority: data.prioritas_bawaan };
}

export function slaTarget(config: SlaConfig, category: TicketCategory, priority: TicketPriority): SlaTarget {
  return config.targets[category][priority];
}

/** The SLA of a ticket created at `createdAt`. */
export function computeSla(config: SlaConfig, calendar: BusinessCalendar, category: TicketCategory, priority: TicketPriority, createdAt: number): TicketSla {
  const t = slaTarget(config, category, priority);
  return {
    responseDueAt: calendar.addWorkingMinutes(createdAt, t.responseMinutes),
    resolveDueAt: calendar.addWorkingMinutes(createdAt, t.resolutionMinutes),
    pausedMs: 0,
    pausedSince: null,
    escalated: [],
  };
}

/** Stops the clock (entering menunggu_pelapor). Idempotent. */
export function pauseSla(sla: TicketSla, now: number): TicketSla {
  return sla.pausedSince === null ? { ...sla, pausedSince: now } : sla;
}

/** Restarts the clock: the resolution due time moves by the working time spent paused. */
export function resumeSla(sla: TicketSla, now: number, calendar: BusinessCalendar): TicketSla {
  if (sla.pausedSince === null) return sla;
  const pausedWorking = calendar.workingMinutesBetween(sla.pausedSince, now);
  return {
    ...sla,
    resolveDueAt: calendar.addWorkingMinutes(sla.resolveDueAt, pausedWorking),
    pausedMs: sla.pausedMs + Math.max(0, now - sla.pausedSince),
    pausedSince: null,
  };
}

export interface ClockState {
  dueAt: number;
  /** When the target was met (first response / resolution), or null while running. */
  metAt: number | null;
  breached: boolean;
  /** Working minutes left (negative when overdue); 0 once met. */
  remainingMinutes: number;
}

export interface SlaState {
  paused: boolean;
  response: ClockState;
  resolution: ClockState;
}

const RESOLVED = new Set(['selesai', 'ditutup', 'ditolak']);

/** First officer response: the first status change away from 'baru'. */
export function respondedAt(ticket: Ticket): number | null {
  return ticket.history.find((h) => h.action === 'status' && h.from === 'baru')?.at ?? null;
}

/** When the ticket was resolved (selesai or ditolak), or null. */
export function resolvedAt(ticket: Ticket): number | null {
  if (!RESOLVED.has(ticket.status)) return null;
  const item = ticket.history.find((h) => h.action === 'status' && (h.to === 'selesai' || h.to === 'ditolak'));
  return item?.at ?? ticket.updatedAt;
}

function clock(dueAt: number, metAt: number | null, current: number, calendar: BusinessCalendar): ClockState {
  if (metAt !== null) return { dueAt, metAt, breached: metAt > dueAt, remainingMinutes: 0 };
  const remaining = current <= dueAt ? calendar.workingMinutesBetween(current, dueAt) : -calendar.workingMinutesBetween(dueAt, current);
  return { dueAt, metAt: null, breached: current > dueAt, remainingMinutes: remaining };
}

export function slaState(ticket: Ticket, now: number, calendar: BusinessCalendar): SlaState {
  const paused = ticket.sla.pausedSince !== null;
  // While paused the resolution clock stands still at the moment it was paused.
  const resolutionNow = paused ? ticket.sla.pausedSince! : now;
  return {
    paused,
    response: clock(ticket.sla.responseDueAt, respondedAt(ticket), now, calendar),
    resolution: clock(ticket.sla.resolveDueAt, resolvedAt(ticket), resolutionNow, calendar),
  };
}

/** true when the response or the resolution target is missed (as of `now`). */
export function isBreached(ticket: Ticket, now: number, calendar: BusinessCalendar): boolean {
  const s = slaState(ticket, now, calendar);
  return s.response.breached || s.resolution.breached;
}

/** Working minutes left until the resolution target (negative when overdue). */
export function remainingWorkingMinutes(ticket: Ticket, now: number, calendar: BusinessCalendar): number {
  return slaState(ticket, now, calendar).resolution.remainingMinutes;
}

/** "2 jam kerja", "30 menit kerja", "1 jam 30 menit kerja". */
export function formatWorkingDuration(minutes: number): string {
  const m = Math.round(minutes);
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return `${rest} menit kerja`;
  return rest === 0 ? `${h} jam kerja` : `${h} jam ${rest} menit kerja`;
}

/**
 * Service operations (guideline BAB V C: pemantauan and pemulihan): availability monitors, their
 * checks and state changes, and incidents with their public updates, internal timeline, linked
 * tickets and recovery notices. Times are epoch milliseconds, as everywhere in the store.
 */
import type { AgencyId, Channel, ServiceId } from '../domain/ids';

export type MonitorStatus = 'up' | 'down' | 'unknown';

/** One entry of flows/pemantauan.yaml (interfaces.md section 7), with defaults applied. */
export interface MonitorDef {
  service: ServiceId;
  url: string;
  intervalS: number;
  timeoutS: number;
  failuresToOpen: number;
  successesToClose: number;
  /** The page must contain this text (case-insensitive) to count as up. */
  expectedText: string | null;
}

/** Texts the citizen reads about incidents (flows/pemantauan.yaml `messages`). */
export interface IncidentMessages {
  known: string;
  latestUpdate: string;
  linked: string;
  resolved: string;
  ticketResolved: string;
  ticketKept: string;
}

export interface MonitorsConfig {
  /** flows/pemantauan.yaml as shown in messages. */
  file: string;
  monitors: MonitorDef[];
  /** K `gangguan` reports of one service within M minutes open an incident. */
  reportCluster: { reports: number; minutes: number };
  /** A TLS certificate expiring within this many days is warned about. */
  tlsWarningDays: number;
  /** Raw checks are kept this many days (daily counts are kept for good). */
  checkRetentionDays: number;
  /** What a monitor-detected recovery does with the linked tickets: resolve them or leave them to officers. */
  ticketsOnRecovery: 'resolve' | 'keep';
  messages: IncidentMessages;
}

/** The outcome of one probe. */
export interface CheckResult {
  service: ServiceId;
  at: number;
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  /** Why it failed (Indonesian, shown to officers), null when ok. */
  error: string | null;
  /** Expiry of the server's TLS certificate (https only). */
  certExpiresAt: number | null;
  /** host:pid of the process that probed (exactly one process probes at a time). */
  probedBy: string;
}

/** The monitor's view of a service, updated by every check (src/operations/monitor-state.ts). */
export interface MonitorState {
  service: ServiceId;
  status: MonitorStatus;
  /** When the current status began. */
  since: number;
  failures: number;
  successes: number;
  lastCheckAt: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  certExpiresAt: number | null;
  /** certExpiresAt already warned about (a renewed certificate warns again when it gets close). */
  certWarnedFor: number | null;
}

export type MonitorEventKind = 'down' | 'up' | 'tls-warning';

export interface MonitorEvent {
  service: ServiceId;
  at: number;
  kind: MonitorEventKind;
  /** Indonesian, for officers. */
  detail: string;
}

/** Checks of one service on one day (Asia/Jakarta), for availability. */
export interface DayCount {
  service: ServiceId;
  /** YYYY-MM-DD in Asia/Jakarta. */
  day: string;
  checks: number;
  ups: number;
}

export type IncidentState = 'open' | 'resolved';
export type IncidentSource = 'monitor' | 'reports' | 'officer';

export interface IncidentReview {
  cause: string;
  action: string;
  by: string;
  at: number;
}

export interface Incident {
  /** INS-YYMMDD-NNN (date in Asia/Jakarta). */
  id: string;
  service: ServiceId;
  /** Primary agency of the service (its officers work it) and the other owners. */
  agency: AgencyId;
  coAgencies: AgencyId[];
  state: IncidentState;
  source: IncidentSource;
  title: string;
  startedAt: number;
  resolvedAt: number | null;
  /** 'monitor', 'reports' or an officer id. */
  openedBy: string;
  resolvedBy: string | null;
  /** The closing message (also the last public update). */
  resolutionMessage: string | null;
  /** The monitor saw the service down during this incident: its recovery closes it. */
  monitorConfirmed: boolean;
  /** Post-incident note for the evaluation (cause, action). */
  review: IncidentReview | null;
  /** Linked tickets to set to `selesai` on resolution (with this note), or null to leave them open. */
  ticketResolution: { note: string } | null;
  /** Recovery notices to linked reporters: pending after resolution until every one was told. */
  notices: { state: 'none' | 'pending' | 'done'; recipients: number; doneAt: number | null };
  updatedAt: number;
}

export type IncidentEventKind = 'dibuka' | 'pembaruan' | 'selesai' | 'pemantauan' | 'laporan' | 'tiket' | 'pemberitahuan' | 'tinjauan';

/** One line of an incident's timeline; `public` ones are the updates users read on /status. */
export interface IncidentEvent {
  id: string;
  incidentId: string;
  at: number;
  /** 'monitor', 'reports', 'system' or an officer id. */
  by: string;
  kind: IncidentEventKind;
  message: string;
  public: boolean;
}

/** A ticket attached to an incident: its reporter is told when the incident is resolved. */
export interface IncidentLink {
  incidentId: string;
  ticket: string;
  conversationId: string;
  channel: Channel;
  linkedAt: number;
}

/**
 * Storage ports of service operations. Adapters: src/store/sqlite/operations-store.ts and
 * src/store/mongo/operations-store.ts, both reusing the main store's open database; both pass
 * test/contract/operations-store.contract.ts. Every write is durable when its promise resolves.
 */
import type { ServiceId } from '../domain/ids';
import type {
  CheckResult,
  DayCount,
  Incident,
  IncidentEvent,
  IncidentLink,
  IncidentState,
  MonitorEvent,
  MonitorState,
} from './types';

export interface MonitorStore {
  /**
   * Stores a check, adds it to its day's counts, replaces the service's monitor state and appends
   * the state change it caused (if any), in one atomic step where the database allows.
   */
  recordCheck(check: CheckResult, state: MonitorState, event: MonitorEvent | null): Promise<void>;
  monitorStates(): Promise<MonitorState[]>;
  /** Newest first. */
  recentChecks(service: ServiceId, limit: number): Promise<CheckResult[]>;
  /** Newest first. */
  monitorEvents(filter: { service?: ServiceId; limit: number }): Promise<MonitorEvent[]>;
  /** Day counts with fromDay <= day <= toDay (YYYY-MM-DD), any order. */
  dayCounts(fromDay: string, toDay: string): Promise<DayCount[]>;
  /** Deletes raw checks older than `before`; returns how many. Day counts stay. */
  pruneChecks(before: number): Promise<number>;
}

export interface IncidentFilter {
  state?: IncidentState;
  /** Incidents of these services only. */
  services?: ServiceId[];
  /** Resolved at or after this instant (open ones always match). */
  activeSince?: number;
  /** Default 100. Newest (startedAt) first. */
  limit?: number;
}

export interface IncidentStore {
  /**
   * Stores `incident` (state open) with its first timeline events, unless the service already has
   * an open incident: at most one open incident per service, across processes. Returns the open
   * incident and whether it is the one given.
   */
  openIncident(incident: Incident, events: IncidentEvent[]): Promise<{ incident: Incident; created: boolean }>;
  getIncident(id: string): Promise<Incident | null>;
  openIncidentOf(service: ServiceId): Promise<Incident | null>;
  listIncidents(filter: IncidentFilter): Promise<Incident[]>;
  /**
   * Applies `change` atomically (read-modify-write) and appends `events` (ids already present are
   * skipped). NotFoundError for an unknown id; errors thrown by `change` pass through unchanged.
   */
  updateIncident(id: string, change: (current: Incident) => Incident, events?: IncidentEvent[]): Promise<Incident>;
  /** Appends timeline events (ids already present are skipped). */
  appendIncidentEvents(events: IncidentEvent[]): Promise<void>;
  /** Oldest first. */
  incidentEvents(incidentId: string, options?: { publicOnly?: boolean }): Promise<IncidentEvent[]>;
  /** Public updates of many incidents at once (status page), oldest first per incident. */
  publicUpdates(incidentIds: string[]): Promise<IncidentEvent[]>;
  /** Attaches a ticket; false when it was already attached (to this or another incident). */
  linkTicket(link: IncidentLink): Promise<boolean>;
  /** In the order they were linked. */
  incidentLinks(incidentId: string): Promise<IncidentLink[]>;
  /** The incident a ticket is attached to, if any. */
  incidentOfTicket(ticket: string): Promise<string | null>;
  /**
   * Records that a reporter (conversation) was told about the incident's resolution. The
   * idempotency key of recovery notices: true the first time, false after.
   */
  markNotified(incidentId: string, conversationId: string, at: number): Promise<boolean>;
  notifiedConversations(incidentId: string): Promise<string[]>;
}

export interface OperationsStore extends MonitorStore, IncidentStore {
  /** Creates tables/collections and indexes (the main store must be open). */
  open(): Promise<void>;
}

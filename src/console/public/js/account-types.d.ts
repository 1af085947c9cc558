/**
 * Shapes of the accounts API as the console uses them (type-checking only; never served).
 * Server side: src/console/officer-admin-routes.ts and src/console/audit-routes.ts.
 */

export interface OfficerAccount {
  id: string;
  email: string;
  name: string;
  role: string;
  roleLabel: string;
  agency: string;
  agencyName: string;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface OfficerPage {
  officers: OfficerAccount[];
  total: number;
  limit: number;
  offset: number;
}

export interface AuditEvent {
  at: number;
  actor: string;
  actorName: string | null;
  action: string;
  target: string;
  details?: Record<string, unknown>;
}

export interface AuditPage {
  events: AuditEvent[];
  hasMore: boolean;
  limit: number;
  offset: number;
}

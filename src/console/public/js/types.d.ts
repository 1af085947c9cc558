/**
 * Shapes of the officer API as the console uses them (type-checking only; never served).
 * Server side: src/console/routes.ts and src/officers/*.
 */

export interface Permissions {
  chats: boolean;
  readsEverything: boolean;
  groupCodes: boolean;
  editsCanned: boolean;
  deliveries: boolean;
  [key: string]: boolean;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  role: string;
  roleLabel: string;
  agency: string;
  agencyName: string;
  permissions: Permissions;
}

export interface Agency {
  id: string;
  name: string;
  shortName: string;
}

export interface Meta {
  now: number;
  agencies: Agency[];
  services: { id: string; name: string; owners: string[] }[];
  statuses: { id: string; label: string }[];
  categories: { id: string; label: string }[];
  officeHours: unknown;
}

export interface ConversationSummary {
  id: string;
  channel: string;
  state: string;
  agency: string | null;
  agencyName: string | null;
  service: string | null;
  serviceName: string | null;
  ticket?: string;
  lastMessage: string;
  lastMessageFrom: string | null;
  lastMessageAt: number;
  waitingSince: number | null;
  waitingWorkingMinutes: number | null;
  officerId: string | null;
  officerName: string | null;
  userName: string | null;
}

/** A file of a message or a ticket; `url` (officers' download route) only when it was stored. */
export interface Attachment {
  name?: string;
  fileName?: string;
  type?: string;
  mimeType?: string;
  size?: number;
  sizeBytes?: number;
  kind?: string;
  stored?: boolean;
  url?: string;
}

export interface TranscriptEntry {
  id: string;
  seq?: number;
  from: string;
  text: string;
  at: number;
  officerId?: string;
  officerName?: string;
  options?: { label: string; value: string }[];
  pending?: boolean;
  attachments?: Attachment[];
}

export interface ConversationDetail extends ConversationSummary {
  now: number;
  identity: { senderId: string; name?: string; contact?: string; nip?: string };
  transcript: TranscriptEntry[];
  linkedTicket: { number: string; status: string; category: string; summary: string } | null;
  canAct: boolean;
}

export interface SlaClock {
  dueAt: number;
  metAt: number | null;
  breached: boolean;
  remainingMinutes: number;
}

export interface TicketHistoryItem {
  at: number;
  by: string;
  byName?: string;
  action: string;
  from?: string;
  to?: string;
  /** 'penugasan': names of the officers. */
  fromName?: string;
  toName?: string;
  note?: string;
  attachments?: Attachment[];
}

export interface TicketView {
  number: string;
  category: string;
  categoryLabel: string;
  service: string | null;
  serviceName: string | null;
  agency: string;
  agencyName: string | null;
  coAgencies: string[];
  coAgencyNames: (string | null)[];
  priority: string;
  priorityLabel: string;
  status: string;
  statusLabel: string;
  summary: string;
  description: string;
  reporter: { conversationId: string; channel: string; senderId: string; name?: string; contact?: string; nip?: string };
  attachments: Attachment[];
  history: TicketHistoryItem[];
  sla: { escalated: string[]; responseDueAt: number; resolveDueAt: number };
  slaState: { response: SlaClock; resolution: SlaClock; paused: boolean };
  survey: { rating: number; comment?: string; at: number } | null;
  assignee: string | null;
  /** Ticket details only. */
  assigneeName?: string | null;
  createdAt: number;
  updatedAt: number;
  overdue: boolean;
  allowedNext: string[];
  canAct: boolean;
  canReassign: boolean;
}

export interface Delivery {
  id: string;
  conversationId: string;
  channel: string;
  status: string;
  attempts: number;
  lastError: string | null;
  updatedAt: number;
}

export interface CannedResponse {
  id: string;
  agency: string;
  title: string;
  text: string;
  updatedAt: number;
  updatedBy: string;
}

/** A live event of the 'inbox' topic (src/engine/live-events.ts), filtered per officer. */
export interface InboxEvent {
  kind: string;
  conversationId?: string;
  ticket?: string;
  agency?: string | null;
  [key: string]: unknown;
}

/** GET /api/v1/tickets and GET /api/v1/search. */
export interface TicketPage {
  tickets: TicketView[];
  more: boolean;
  offset: number;
  now: number;
}

/** GET /api/v1/tickets/:number/assignees. */
export interface AssignableOfficer {
  id: string;
  name: string;
  role: string;
  roleLabel: string;
  agency: string;
}

/** GET /api/v1/contacts/:channel/:senderId (src/officers/contact-view.ts). */
export interface ContactConversation {
  id: string;
  channel: string;
  startedAt: number;
  lastMessageAt: number;
  state: string;
  officerName: string | null;
  agency: string | null;
  agencyName: string | null;
  service: string | null;
  serviceName: string | null;
  ticket: string | null;
  /** 'akun': the person's own chat; 'kontak': found by the contact they gave. */
  via: 'akun' | 'kontak';
}

export interface ContactTicket {
  number: string;
  status: string;
  statusLabel: string;
  category: string;
  categoryLabel: string;
  service: string | null;
  serviceName: string | null;
  agency: string;
  agencyName: string | null;
  summary: string;
  channel: string;
  createdAt: number;
  via: 'akun' | 'kontak';
}

export interface ContactView {
  person: { channel: string; senderId: string; name: string | null; contact: string | null; nip: string | null; full: boolean };
  conversations: ContactConversation[];
  conversationsTotal: number;
  tickets: ContactTicket[];
  ticketsTotal: number;
  limit: number;
  offset: number;
  more: boolean;
  now: number;
}

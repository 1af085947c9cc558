/**
 * Mongoose schemas of the MongoDB store. Dates are epoch milliseconds (numbers) as in the port.
 * Opaque JSON the store never queries (dialogue state, the turn outbox, documents, audit details)
 * is kept as JSON text, so keys chosen by other modules or users (`$set`, `a.b`) cannot collide
 * with MongoDB's field-name rules. Indexes mirror the embedded store's.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import { CHANNELS, CONVERSATION_OWNERS, OFFICER_ROLES, TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from '../../domain/ids';

const opts = { versionKey: false, minimize: false, bufferCommands: false, autoIndex: false, strict: 'throw' } as const;
const optionalString = { type: String, default: null };
const optionalNumber = { type: Number, default: null };

export interface ConversationDoc {
  _id: string;
  channel: string;
  threadId: string;
  identity: Record<string, unknown>;
  owner: string;
  officerId: string | null;
  agency: string | null;
  service: string | null;
  flowJson: string | null;
  ticketNumber: string | null;
  version: number;
  processedSeq: number;
  outboxJson: string;
  waitingSince: number | null;
  unreachable: boolean;
  createdAt: number;
  updatedAt: number;
  lastMessageAt: number;
  /** Last transcript seq handed out (acceptInbound/appendEntries $inc it). */
  lastSeq: number;
}
export const conversationSchema = new Schema<ConversationDoc>(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true, enum: CHANNELS },
    threadId: { type: String, required: true },
    identity: { type: Schema.Types.Mixed, required: true },
    owner: { type: String, required: true, enum: CONVERSATION_OWNERS },
    officerId: optionalString,
    agency: optionalString,
    service: optionalString,
    flowJson: optionalString,
    ticketNumber: optionalString,
    version: { type: Number, required: true, min: 0 },
    processedSeq: { type: Number, required: true, default: 0 },
    outboxJson: { type: String, required: true, default: '[]' },
    waitingSince: optionalNumber,
    unreachable: { type: Boolean, required: true, default: false },
    createdAt: { type: Number, required: true },
    updatedAt: { type: Number, required: true },
    lastMessageAt: { type: Number, required: true },
    lastSeq: { type: Number, required: true, default: 0 },
  },
  { ...opts, collection: 'conversations' },
);
conversationSchema.index({ channel: 1, threadId: 1 }, { unique: true });
conversationSchema.index({ owner: 1, lastMessageAt: -1 });
conversationSchema.index({ agency: 1, lastMessageAt: -1 });
conversationSchema.index({ lastMessageAt: -1 });
// The console's contact view: other conversations where the person gave the same contact.
conversationSchema.index({ 'identity.contact': 1 }, { partialFilterExpression: { 'identity.contact': { $type: 'string' } } });

export interface EntryDoc {
  _id: string;
  conversationId: string;
  seq: number;
  from: string;
  text: string;
  options?: unknown[];
  links?: unknown[];
  media?: unknown[];
  externalId?: string;
  /** Set on user entries only (with externalId): the de-duplication key. */
  channel?: string;
  state?: 'pending' | 'processed';
  officerId?: string;
  buttonContext?: string;
  context?: string;
  at: number;
}
export const entrySchema = new Schema<EntryDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    seq: { type: Number, required: true, min: 1 },
    from: { type: String, required: true, enum: ['user', 'bot', 'agent', 'system'] },
    text: { type: String, default: '' },
    options: { type: [Schema.Types.Mixed], default: undefined },
    links: { type: [Schema.Types.Mixed], default: undefined },
    media: { type: [Schema.Types.Mixed], default: undefined },
    externalId: String,
    channel: { type: String, enum: CHANNELS },
    state: { type: String, enum: ['pending', 'processed'] },
    officerId: String,
    buttonContext: String,
    context: String,
    at: { type: Number, required: true },
  },
  { ...opts, collection: 'entries' },
);
entrySchema.index({ conversationId: 1, seq: 1 }, { unique: true });
// De-duplication of inbound messages, kept as long as the transcript.
// $exists (not $type) so that an equality query on externalId is provably covered by the partial index.
entrySchema.index({ channel: 1, externalId: 1 }, { unique: true, partialFilterExpression: { externalId: { $exists: true } } });
entrySchema.index({ conversationId: 1, state: 1, seq: 1 }, { partialFilterExpression: { state: 'pending' } });
entrySchema.index({ state: 1, at: 1 }, { partialFilterExpression: { state: 'pending' } });
// Console search (searchTickets): words of the messages, no stemming (Indonesian texts).
entrySchema.index({ text: 'text' }, { default_language: 'none', name: 'entry_text' });

export interface TicketDoc {
  _id: string;
  idempotencyKey: string;
  createdBy: string;
  category: string;
  service: string | null;
  agency: string;
  coAgencies: string[];
  /** agency + coAgencies, for scope queries (multikey index). */
  agencies: string[];
  priority: string;
  status: string;
  summary: string;
  description: string;
  reporter: Record<string, unknown>;
  reporterConversationId: string;
  attachments: unknown[];
  history: unknown[];
  sla: Record<string, unknown>;
  survey: Record<string, unknown> | null;
  assignee: string | null;
  /** ticketResolveDeadline(ticket): null when paused or closed. */
  dueAt: number | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}
export const ticketSchema = new Schema<TicketDoc>(
  {
    _id: { type: String, required: true, match: /^HD-/ },
    idempotencyKey: { type: String, required: true },
    createdBy: { type: String, required: true },
    category: { type: String, required: true, enum: TICKET_CATEGORIES },
    service: optionalString,
    agency: { type: String, required: true },
    coAgencies: { type: [String], default: [] },
    agencies: { type: [String], default: [] },
    priority: { type: String, required: true, enum: TICKET_PRIORITIES },
    status: { type: String, required: true, enum: TICKET_STATUSES },
    summary: { type: String, default: '' },
    description: { type: String, default: '' },
    reporter: { type: Schema.Types.Mixed, required: true },
    reporterConversationId: { type: String, required: true },
    attachments: { type: [Schema.Types.Mixed], default: [] },
    history: { type: [Schema.Types.Mixed], default: [] },
    sla: { type: Schema.Types.Mixed, required: true },
    survey: { type: Schema.Types.Mixed, default: null },
    assignee: optionalString,
    dueAt: optionalNumber,
    createdAt: { type: Number, required: true },
    updatedAt: { type: Number, required: true },
    version: { type: Number, required: true, min: 1 },
  },
  { ...opts, collection: 'tickets' },
);
ticketSchema.index({ idempotencyKey: 1 }, { unique: true });
ticketSchema.index({ status: 1, createdAt: -1 });
ticketSchema.index({ category: 1, createdAt: -1 });
ticketSchema.index({ service: 1, createdAt: -1 });
ticketSchema.index({ agencies: 1, createdAt: -1 });
ticketSchema.index({ reporterConversationId: 1, createdAt: -1 });
ticketSchema.index({ 'reporter.contact': 1, createdAt: -1 }, { partialFilterExpression: { 'reporter.contact': { $type: 'string' } } });
ticketSchema.index({ dueAt: 1 });
ticketSchema.index({ createdAt: -1 });
ticketSchema.index({ assignee: 1, createdAt: -1 }, { partialFilterExpression: { assignee: { $type: 'string' } } });
ticketSchema.index({ priority: 1, createdAt: -1 });
// Console search (searchTickets): summary and description, no stemming.
ticketSchema.index({ summary: 'text', description: 'text' }, { default_language: 'none', name: 'ticket_text' });

export interface CounterDoc {
  _id: string;
  value: number;
}
export const counterSchema = new Schema<CounterDoc>(
  { _id: { type: String, required: true }, value: { type: Number, required: true, default: 0 } },
  { ...opts, collection: 'counters' },
);

export interface OfficerDoc {
  _id: string;
  email: string;
  emailLower: string;
  name: string;
  role: string;
  agency: string;
  passwordHash: string;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}
export const officerSchema = new Schema<OfficerDoc>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true },
    emailLower: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, required: true, enum: OFFICER_ROLES },
    agency: { type: String, required: true },
    passwordHash: { type: String, required: true },
    active: { type: Boolean, required: true },
    createdAt: { type: Number, required: true },
    updatedAt: { type: Number, required: true },
  },
  { ...opts, collection: 'officers' },
);
officerSchema.index({ emailLower: 1 }, { unique: true });
officerSchema.index({ agency: 1, role: 1 });
officerSchema.index({ role: 1 });

export interface AuditDoc {
  at: number;
  actor: string;
  action: string;
  target: string;
  detailsJson: string | null;
}
export const auditSchema = new Schema<AuditDoc>(
  {
    at: { type: Number, required: true },
    actor: { type: String, required: true },
    action: { type: String, required: true },
    target: { type: String, required: true },
    detailsJson: optionalString,
  },
  { ...opts, collection: 'audit' },
);
auditSchema.index({ target: 1, at: -1 });
auditSchema.index({ actor: 1, at: -1 });
auditSchema.index({ at: -1 });

export interface DeliveryDoc {
  _id: string;
  conversationId: string;
  channel: string;
  status: string;
  attempts: number;
  lastError: string | null;
  updatedAt: number;
}
export const deliverySchema = new Schema<DeliveryDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    channel: { type: String, required: true, enum: CHANNELS },
    status: { type: String, required: true, enum: ['pending', 'sent', 'failed'] },
    attempts: { type: Number, required: true, min: 0 },
    lastError: optionalString,
    updatedAt: { type: Number, required: true },
  },
  { ...opts, collection: 'deliveries' },
);
deliverySchema.index({ status: 1, updatedAt: -1 });
deliverySchema.index({ updatedAt: -1 });

export interface KvDoc {
  coll: string;
  key: string;
  valueJson: string;
}
export const kvSchema = new Schema<KvDoc>(
  {
    coll: { type: String, required: true },
    key: { type: String, required: true },
    valueJson: { type: String, required: true },
  },
  { ...opts, collection: 'docs' },
);
kvSchema.index({ coll: 1, key: 1 }, { unique: true });

export interface Models {
  Conversation: Model<ConversationDoc>;
  Entry: Model<EntryDoc>;
  Ticket: Model<TicketDoc>;
  Counter: Model<CounterDoc>;
  Officer: Model<OfficerDoc>;
  Audit: Model<AuditDoc>;
  Delivery: Model<DeliveryDoc>;
  Kv: Model<KvDoc>;
}

/** Models bound to one connection (no I/O). */
export function defineModels(conn: Connection): Models {
  return {
    Conversation: conn.model<ConversationDoc>('Conversation', conversationSchema),
    Entry: conn.model<EntryDoc>('Entry', entrySchema),
    Ticket: conn.model<TicketDoc>('Ticket', ticketSchema),
    Counter: conn.model<CounterDoc>('Counter', counterSchema),
    Officer: conn.model<OfficerDoc>('Officer', officerSchema),
    Audit: conn.model<AuditDoc>('Audit', auditSchema),
    Delivery: conn.model<DeliveryDoc>('Delivery', deliverySchema),
    Kv: conn.model<KvDoc>('Kv', kvSchema),
  };
}

/**
 * The analyze operation (interfaces.md section 1): {channel, text} -> {type, service, agency,
 * reply, confidence}. `reply` is what the bot would send if the text were the first message of a
 * new conversation on that channel: the real Dialogue runs on a fresh conversation with
 * read-only ports: no ticket is ever created here (a reply that would open one shows its number
 * as HD-YYMMDD-XXXX).
 */
import { UserInputError } from '../domain/errors';
import { CHANNELS, type AgencyId, type Channel, type MessageType, type ServiceId } from '../domain/ids';
import type { Dialogue, DialoguePorts } from '../dialogue/port';
import type { Nlu } from '../nlu';
import type { Conversation } from '../store/port';
import type { Ticket } from '../store/port';
import { jakartaDateKey } from '../tickets/ticket-numbers';

export const MAX_TEXT_LENGTH = 4000;

export interface AnalyzeResult {
  type: MessageType;
  service: ServiceId | null;
  agency: AgencyId | null;
  reply: string;
  confidence: number;
}

export interface AnalyzeRequest {
  channel: Channel;
  text: string;
}

// Control characters (keeping tab and newline), zero-width and bidi controls, and lone surrogates.
// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Validates and cleans an analyze request; throws UserInputError with an Indonesian message. */
export function validateAnalyzeRequest(input: unknown): AnalyzeRequest {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new UserInputError('Permintaan harus berupa objek JSON dengan kolom "text".');
  }
  const { text, channel } = input as { text?: unknown; channel?: unknown };
  let ch: Channel = 'webchat';
  if (channel !== undefined && channel !== null) {
    if (typeof channel !== 'string' || !(CHANNELS as readonly string[]).includes(channel)) {
      throw new UserInputError(`Kolom "channel" harus salah satu dari: ${CHANNELS.join(', ')}.`);
    }
    ch = channel as Channel;
  }
  if (typeof text !== 'string') throw new UserInputError('Kolom "text" wajib diisi dengan teks.');
  const cleaned = text.replace(BINARY, '').trim();
  if (cleaned.length === 0) throw new UserInputError('Teks pesan tidak boleh kosong.');
  if (cleaned.length > MAX_TEXT_LENGTH) {
    throw new UserInputError(`Teks pesan terlalu panjang (maksimal ${MAX_TEXT_LENGTH} karakter).`);
  }
  return { channel: ch, text: cleaned };
}

/** A brand-new conversation as the store would create it for a first message. */
export function freshConversation(channel: Channel, now: number): Conversation {
  return {
    id: 'analyze',
    channel,
    threadId: 'analyze',
    identity: { senderId: 'analyze' },
    owner: 'bot',
    officerId: null,
    agency: null,
    service: null,
    flow: null,
    ticketNumber: null,
    version: 0,
    processedSeq: 0,
    outbox: [],
    waitingSince: null,
    unreachable: false,
    createdAt: now,
    updatedAt: now,
    lastMessageAt: now,
  };
}

export type OfficeHours = DialoguePorts['officeHours'];

/**
 * Ports that never write. A ticket the reply would announce is previewed, never stored. The
 * service passes `knownIncident` (open incidents, read only); the CLI knows none.
 */
export function readOnlyPorts(officeHours: OfficeHours, knownIncident?: DialoguePorts['knownIncident']): DialoguePorts {
  return {
    ...(knownIncident ? { knownIncident } : {}),
    async createTicket(draft) {
      const preview: Ticket = {
        ...draft,
        number: `HD-${jakartaDateKey(draft.createdAt)}-XXXX`,
        status: 'baru',
        history: [],
        survey: null,
        assignee: null,
        updatedAt: draft.createdAt,
        sla: { responseDueAt: draft.createdAt, resolveDueAt: draft.createdAt, pausedMs: 0, pausedSince: null, escalated: [] },
      };
      return preview;
    },
    async findTicket() {
      return null;
    },
    async ticketsOfConversation() {
      return [];
    },
    async rateTicket() {
      /* read-only */
    },
    officeHours,
  };
}

export interface Analyzer {
  analyze(input: unknown): Promise<AnalyzeResult>;
}

export function createAnalyzer(deps: { nlu: Nlu; dialogue: Dialogue; officeHours: OfficeHours; now?: () => number; knownIncident?: DialoguePorts['knownIncident'] }): Analyzer {
  const now = deps.now ?? Date.now;
  const ports = readOnlyPorts(deps.officeHours, deps.knownIncident);
  return {
    async analyze(input) {
      const { channel, text } = validateAnalyzeRequest(input);
      const understanding = deps.nlu.understand(text);
      const at = now();
      const out = await deps.dialogue.respond(
        { conversation: freshConversation(channel, at), channel, text, understanding, isFirstMessage: true, now: at },
        ports,
      );
      return {
        type: understanding.type,
        service: understanding.service,
        agency: understanding.agency,
        reply: out.replies.map((r) => r.text).join('\n\n'),
        confidence: understanding.confidence,
      };
    },
  };
}

/**
 * The dialogue engine's contract. It is pure with respect to I/O: it reads the conversation's
 * flow state and the NLU's understanding and returns the next state, the replies and the effects
 * the caller executes. Effects that need an answer (a ticket number for the reply) go through
 * DialoguePorts, which the pipeline implements with the real store and the analyze CLI with
 * read-only stand-ins (a first message never creates a ticket).
 */
import type { Channel, ServiceId } from '../domain/ids';
import type { MediaRef, Reply } from '../domain/messages';
import type { Understanding } from '../domain/understanding';
import type { Conversation, NewTicket, Ticket } from '../store/port';

export interface DialogueInput {
  conversation: Conversation;
  channel: Channel;
  text: string;
  /** Files sent with the message: stored ones carry a storageKey; ones that failed to arrive do not. */
  media?: MediaRef[];
  understanding: Understanding;
  /** true when this is the conversation's first user message. */
  isFirstMessage: boolean;
  now: number;
  /** Set when the message is a pressed button: the key of the question the button belonged to (Reply.context). */
  buttonContext?: string;
}

/** A message that arrives while a human owns or is awaited in the conversation (no NLU needed). */
export type HumanTurnInput = Omit<DialogueInput, 'understanding' | 'isFirstMessage'>;

/** The reporter's answer to an officer's question, once it is on the ticket. */
export interface ReporterReplyResult {
  ticket: Ticket;
  /** The officer who asked, when they can take the conversation on (active, handles chats). */
  officer: { id: string; name: string } | null;
}

/** Wrong contact proofs when tracking a ticket from another conversation (shared by every process). */
export interface TrackingGuard {
  /**
   * Wrong proofs counted in the current window of `windowMs`: by this conversation (any ticket)
   * and for this ticket number (any conversation); `resetAt` is when the later window ends.
   */
  failures(ticketNumber: string, windowMs: number): Promise<{ byConversation: number; byTicket: number; resetAt: number }>;
  /** Counts one wrong proof for this conversation and for the ticket number. */
  recordFailure(ticketNumber: string, windowMs: number): Promise<void>;
}

export interface DialoguePorts {
  /**
   * Creates (idempotently, by draft.idempotencyKey) and returns the ticket. The implementation
   * adds the SLA (src/tickets/sla.ts computeSla) and the number prefix (ticketNumberPrefix).
   */
  createTicket(draft: Omit<NewTicket, 'sla' | 'numberPrefix'>): Promise<Ticket>;
  /** A ticket by number (null when unknown). */
  findTicket(number: string): Promise<Ticket | null>;
  /** Tickets reported from this conversation, newest first. */
  ticketsOfConversation(conversationId: string): Promise<Ticket[]>;
  /** Stores a 1-5 rating and optional comment on the ticket. */
  rateTicket(number: string, rating: number, comment?: string): Promise<void>;
  /** Whether officers are on duty now, and when they next are (for honest hand-off messages). */
  officeHours(now: number): { open: boolean; nextOpenText: string };
  // The ports below are absent where nothing may be read or written (the analyze CLI): the
  // dialogue then behaves as for a brand-new conversation.
  /** The newest ticket reported from this conversation that waits on the reporter (menunggu_pelapor), or null. */
  ticketAwaitingReply?(): Promise<Ticket | null>;
  /** Adds the message being processed to the ticket as the reporter's answer (idempotent) and resumes the ticket. */
  addReporterReply?(ticketNumber: string, reply: { text: string; media: MediaRef[] }): Promise<ReporterReplyResult>;
  /** 1-based place in the human queue of `agency` (null: the general queue) for a chat waiting since `since` (null: joining now). */
  queuePosition?(agency: string | null, since: number | null): Promise<number>;
  trackingGuard?: TrackingGuard;
  /**
   * The service's open incident, when there is one (src/operations): the bot tells users it is
   * known, and a report of it becomes a ticket linked to it. Absent: the bot knows no incident.
   */
  knownIncident?(service: ServiceId): Promise<KnownIncident | null>;
}

/** An open incident as the bot tells users about it; texts come from flows/pemantauan.yaml. */
export interface KnownIncident {
  id: string;
  title: string;
  startedAt: number;
  /** That it is known, since when, by whom it is handled, and the latest public update. */
  notice: string;
  /** The answer to a report linked to it; `{nomor}` stands for the ticket number. */
  linkedReply: string;
}

export interface DialogueOutput {
  /** Next flow state (null: no flow active). */
  flow: Record<string, unknown> | null;
  replies: Reply[];
  /** Hand the conversation to the human queue (owner 'waiting'). */
  handoff: boolean;
  /** Service and ticket to remember on the conversation. */
  service?: string | null;
  ticketNumber?: string | null;
  /** Identity facts learned (contact, NIP). */
  identity?: { contact?: string; nip?: string; name?: string };
  /**
   * Set when the bot did not understand the message well enough to act on it and asked instead
   * (counted as an NLU fallback in the metrics): below the confidence threshold, or two message
   * types too close to choose.
   */
  fallback?: 'low_confidence' | 'ambiguous';
  /** Hand the conversation straight to this officer (the one who asked the reporter a question). */
  assign?: { officerId: string; agency: string };
  /** The user left the human queue (owner 'waiting' -> 'bot'). */
  leftQueue?: boolean;
}

export interface Dialogue {
  respond(input: DialogueInput, ports: DialoguePorts): Promise<DialogueOutput>;
  /**
   * A message while the conversation is in the human queue (owner 'waiting') or held by an officer:
   * `batal` leaves the queue, an answer to a waiting ticket lands on it, a waiting user hears the
   * queue position now and then; anything else goes to the officer without a bot reply.
   */
  whileHuman?(input: HumanTurnInput, ports: DialoguePorts): Promise<DialogueOutput>;
}

/** The survey's first message and the flow state to store on the conversation. */
export interface SurveyStart {
  flow: Record<string, unknown>;
  reply: Reply;
}

/**
 * The flow engine's dialogue (src/dialogue/engine.ts): a Dialogue that can also start the
 * satisfaction survey when a ticket is finished. The caller stores `flow` on the reporter's
 * conversation and sends `reply` on its channel.
 */
export interface FlowDialogue extends Dialogue {
  /**
   * Required here (optional on Dialogue): the flow engine always answers while a human owns the
   * chat, and a decorator that forgot to pass it on would silently drop `batal` in the queue and
   * the reporter's answers to an officer's question.
   */
  whileHuman(input: HumanTurnInput, ports: DialoguePorts): Promise<DialogueOutput>;
  startSurvey(ticketNumber: string, now: number): SurveyStart;
  /**
   * When the flow state will have expired if nothing else happens (epoch ms), or null when there
   * is no flow or it never expires (the main menu).
   */
  expiresAt(flow: Record<string, unknown> | null): number | null;
  /** The notice that an expired flow was closed; null when `flow` has not expired at `now`. */
  expiryNotice(flow: Record<string, unknown> | null, now: number): Reply | null;
}

import type { AgencyId, MessageType, ServiceId } from './ids';

/** A scored candidate, best first. */
export interface Scored<T> {
  value: T;
  score: number;
}

/** What the NLU understood of one message. Pure data: no reply text here. */
export interface Understanding {
  /** The text after normalisation (lowercase, abbreviations and regional words mapped). */
  normalized: string;
  type: MessageType;
  /** Type candidates with calibrated scores (0..1), best first. */
  types: Scored<MessageType>[];
  service: ServiceId | null;
  /**
   * Whether the message itself names `service` (an application name, alias, keyword or its
   * agency), rather than the service being inferred from its words. Absent: not named.
   */
  serviceNamed?: boolean;
  /** Service candidates (0..1), best first; empty when nothing points at a service. */
  services: Scored<ServiceId>[];
  /** Primary agency of `service` (first owner), or null. */
  agency: AgencyId | null;
  /**
   * Best FAQ entry for the message, when one fits. Only entries about the message's service (or,
   * when it names none, general entries) are considered: never an answer about another service.
   */
  faq: { id: string; score: number } | null;
  /** The best such entries (up to three, best first), for asking which one was meant. */
  faqCandidates?: { id: string; score: number }[];
  /** A ticket number found in the text (normalised to HD-YYMMDD-NNNN). */
  ticketNumber: string | null;
  /** Overall confidence (0..1) of type+service. */
  confidence: number;
  /** Set when two candidates are too close to choose without asking. */
  ambiguity: { kind: 'service' | 'type'; candidates: string[] } | null;
}

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
  /** Service candidates (0..1), best first; empty when nothing points at a service. */
  services: Scored<ServiceId>[];
  /** Primary agency of `service` (first owner), or null. */
  agency: AgencyId | null;
  /** Best FAQ entry for the message, when one fits. */
  faq: { id: string; score: number } | null;
  /** A ticket number found in the text (normalised to HD-YYMMDD-NNNN). */
  ticketNumber: string | null;
  /** Overall confidence (0..1) of type+service. */
  confidence: number;
  /** Set when two candidates are too close to choose without asking. */
  ambiguity: { kind: 'service' | 'type'; candidates: string[] } | null;
}

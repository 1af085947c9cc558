/**
 * What every channel adapter implements and what it is given. Adapters translate only:
 * platform events -> InboundMessage (handed to the ingress), Reply -> platform calls.
 */
import type { Channel } from '../src/domain/ids';
import type { InboundMessage, MediaRef, Reply } from '../src/domain/messages';

/** The service's front door: stores the message durably and wakes the engine. */
export interface Ingress {
  /**
   * Resolves once the message is durably accepted (or recognised as a duplicate).
   * Rejects with TransientError when it cannot be queued now: the adapter must not
   * acknowledge the platform update then (so the platform or the adapter retries).
   */
  accept(message: InboundMessage): Promise<{ duplicate: boolean }>;
}

/** Saves media bytes a user sent and returns the reference to keep on the message. */
export interface AttachmentSink {
  save(input: { bytes: Buffer; mimeType: string; fileName?: string }): Promise<MediaRef>;
}

export type ChannelState = 'disabled' | 'starting' | 'needs_qr' | 'connected' | 'disconnected' | 'failed';

export interface ChannelStatus {
  channel: Channel;
  state: ChannelState;
  detail?: string;
  since: number;
}

export interface ChannelAdapter {
  readonly channel: Channel;
  start(ingress: Ingress): Promise<void>;
  /**
   * Sends one reply to a thread. Throws TransientError (with retryAfterMs when the platform
   * says so) for faults worth retrying; any other error is final (the delivery is kept as failed).
   */
  send(threadId: string, reply: Reply): Promise<void>;
  status(): ChannelStatus;
  stop(): Promise<void>;
}

/** What the web chat HTTP layer needs from the service (implemented in src/engine/webchat-backend.ts). */
import type { ReplyOption } from '../../src/domain/messages';

export interface WebchatMessage {
  id: string;
  from: 'user' | 'bot' | 'agent';
  text: string;
  options?: ReplyOption[];
  at: string;
}

export interface WebchatBackend {
  createSession(): Promise<{ sessionId: string; token: string }>;
  /** Throws NotFoundError for an unknown session, UnauthorizedError for a wrong token. */
  authorize(sessionId: string, token: string | undefined): Promise<void>;
  /** Accepts a user's message; the same clientMessageId twice is stored and answered once. */
  send(sessionId: string, text: string, clientMessageId: string | undefined): Promise<{ id: string }>;
  /** Messages after the cursor (exclusive), in the order they happened. */
  history(sessionId: string, after: string | undefined): Promise<{ messages: WebchatMessage[]; cursor: string }>;
  /** Calls `listener` for each new message of the session; returns unsubscribe. */
  subscribe(sessionId: string, listener: (message: WebchatMessage & { cursor: string }) => void): () => void;
}

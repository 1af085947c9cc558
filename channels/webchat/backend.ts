/** What the web chat HTTP layer needs from the service (implemented in src/engine/webchat-backend.ts). */
import type { ReplyOption } from '../../src/domain/messages';

/** A file shown in the chat (never its bytes: those stay with the officers' download route). */
export interface WebchatAttachment {
  name: string;
  type: string;
  size: number;
}

export interface WebchatMessage {
  id: string;
  from: 'user' | 'bot' | 'agent';
  text: string;
  options?: ReplyOption[];
  /** Files the user sent with the message. */
  attachments?: WebchatAttachment[];
  at: string;
}

/** `handledBy: 'human'`: an officer holds or is awaited in the chat, so the widget shows no bot typing. */
export interface SendOutcome {
  id: string;
  handledBy: 'bot' | 'human';
}

export interface WebchatBackend {
  createSession(): Promise<{ sessionId: string; token: string }>;
  /** Throws NotFoundError for an unknown session, UnauthorizedError for a wrong token. */
  authorize(sessionId: string, token: string | undefined): Promise<void>;
  /** Accepts a user's message; the same clientMessageId twice is stored and answered once. */
  send(sessionId: string, text: string, clientMessageId: string | undefined): Promise<SendOutcome>;
  /** Stores a file (already checked: type from its bytes, size) and accepts it as a message, with optional text. */
  sendAttachment(
    sessionId: string,
    file: { bytes: Buffer; mimeType: string; fileName?: string },
    text: string,
    clientMessageId: string | undefined,
  ): Promise<SendOutcome>;
  /** Messages after the cursor (exclusive), in the order they happened. */
  history(sessionId: string, after: string | undefined): Promise<{ messages: WebchatMessage[]; cursor: string }>;
  /**
   * Follows the session's messages after the cursor (undefined = from the start). Resolves once
   * nothing published from now on can be missed (the live subscription is confirmed); messages
   * flow after start(): the stored ones first, then live ones, in order, each once. Rejects with
   * TransientError when live delivery is unavailable. `onInterrupted`: live events may have been
   * lost; end the stream so the client reconnects with its last event id.
   */
  follow(
    sessionId: string,
    after: string | undefined,
    listener: (message: WebchatMessage & { cursor: string }) => void,
    onInterrupted: () => void,
  ): Promise<WebchatFollow>;
}

export interface WebchatFollow {
  start(): Promise<void>;
  close(): void;
}

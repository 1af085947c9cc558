/**
 * The parts of whatsapp-web.js's Client, Message, MessageMedia and Call this channel uses
 * (names and meanings as in whatsapp-web.js 1.34 index.d.ts). Typing against these narrow
 * shapes lets tests drive the adapter with a fake client; the real objects satisfy them.
 */

export interface WaMedia {
  mimetype: string;
  /** Base64. */
  data: string;
  filename?: string | null;
  filesize?: number | null;
}

export interface WaMessage {
  id: { _serialized: string; fromMe?: boolean; remote?: string };
  /** Chat id for incoming messages: 628...@c.us, ...@lid, ...@g.us, status@broadcast, ...@newsletter. */
  from: string;
  /** Set when the message was sent in a group (the member who wrote). */
  author?: string;
  fromMe: boolean;
  isStatus: boolean;
  broadcast?: boolean;
  hasMedia: boolean;
  /** 'chat', 'image', 'document', 'ptt', ... (MessageTypes). */
  type: string;
  /** Text, or the caption of a media message. */
  body: string;
  /** Seconds since the epoch. */
  timestamp: number;
  /** Raw WhatsApp Web model: notifyName (push name), size and mimetype of media before download. */
  _data?: { notifyName?: string; size?: number; mimetype?: string };
  /** Resolves undefined/null when the media expired or cannot be fetched. */
  downloadMedia(): Promise<WaMedia | undefined | null>;
}

export interface WaCall {
  id: string;
  from?: string;
  fromMe: boolean;
  isGroup: boolean;
  isVideo?: boolean;
  reject(): Promise<void>;
}

export interface WaClient {
  // Same listener type as Node's EventEmitter, which both the real and the fake client extend.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (...args: any[]) => void): unknown;
  removeAllListeners(event?: string): unknown;
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  /** Resolves the sent Message, or undefined/null when the chat could not be found. */
  sendMessage(chatId: string, content: string): Promise<unknown>;
}

export type WaClientFactory = () => WaClient;

/** Structured logging the composition root provides; logs go to stderr, never stdout. */
export interface WaLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const noop = (): void => undefined;
export const silentLogger: WaLogger = { debug: noop, info: noop, warn: noop, error: noop };

/** JSON lines on stderr (the fallback when no logger is passed). */
export const stderrLogger: WaLogger = {
  debug: noop,
  info: (message, fields) => writeLine('info', message, fields),
  warn: (message, fields) => writeLine('warn', message, fields),
  error: (message, fields) => writeLine('error', message, fields),
};

function writeLine(level: string, message: string, fields?: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ level, channel: 'whatsapp', message, ...fields, time: new Date().toISOString() })}\n`);
}

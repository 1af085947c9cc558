/**
 * Structured logs (pino): JSON lines on STDERR (stdout is reserved for command output such as
 * `npm run -s analyze`). Every line has `time` (ISO), `level` (error|warn|info|debug), `msg`,
 * `pid`, `hostname`, the child bindings, the fields given, and `requestId` while an HTTP request
 * is being served (src/http/request-id.ts). Personal data is redacted in the message and in field
 * values (src/runtime/redact.ts); Error values are written with their stack.
 *
 * Callers pass errors as values (`logger.warn('…', { err })`), never `String(err)`, so the
 * stack survives. Keep the hot path (one message through the pipeline) free of info lines.
 */
import pino from 'pino';
import { redactFields, redactText } from './redact';
import { currentRequestId } from './request-context';

export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';
type Level = Exclude<LogLevel, 'silent'>;
const LEVELS: Level[] = ['error', 'warn', 'info', 'debug'];

export interface Logger {
  error(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  /** Where the lines go (default: file descriptor 2, written synchronously so none is lost on exit). */
  destination?: pino.DestinationStream;
}

const noop = (): void => undefined;

function wrap(p: pino.Logger): Logger {
  const method = (level: Level) => {
    if (!p.isLevelEnabled(level)) return noop;
    return (msg: string, fields?: Record<string, unknown>) => {
      if (fields) p[level](redactFields(fields), redactText(msg));
      else p[level](redactText(msg));
    };
  };
  const [error, warn, info, debug] = LEVELS.map(method) as [Logger['error'], Logger['warn'], Logger['info'], Logger['debug']];
  return { error, warn, info, debug, child: (fields) => wrap(p.child(redactFields(fields))) };
}

export function createLogger(level: LogLevel = 'info', base: Record<string, unknown> = {}, options: LoggerOptions = {}): Logger {
  const root = pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Errors are already serialised (with redaction) by redactFields; pino must not redo it.
      serializers: { err: (value: unknown) => value },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
  return wrap(Object.keys(base).length ? root.child(redactFields(base)) : root);
}

/** A logger that writes nothing (tests, tools that must stay quiet). */
export const silentLogger: Logger = { error: noop, warn: noop, info: noop, debug: noop, child: () => silentLogger };

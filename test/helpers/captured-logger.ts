/** A real logger (src/runtime/logger.ts, pino) whose JSON lines are captured instead of written to stderr. */
import { Writable } from 'node:stream';
import { createLogger, type Logger, type LogLevel } from '../../src/runtime/logger';

export interface CapturedLogger {
  logger: Logger;
  /** Parsed lines, oldest first. */
  lines: Record<string, unknown>[];
  /** The raw text written. */
  text(): string;
}

export function capturedLogger(level: LogLevel = 'debug'): CapturedLogger {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger(level, {}, { destination: destination as never });
  return {
    logger,
    get lines() {
      return raw.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    text: () => raw.join(''),
  };
}

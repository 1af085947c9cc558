/**
 * Typed errors. HTTP codes and queue retry policy are decided from the type in one place
 * (src/http/error-handler.ts and src/queue/retry-policy.ts). Messages are Indonesian when a user reads them.
 */
export class AppError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = new.target.name;
  }
}
/** Bad input from a user or a client: 400, never retried. */
export class UserInputError extends AppError {
  constructor(message: string, readonly details?: unknown) {
    super(message, 'invalid_input');
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = 'Token tidak valid atau tidak ada.') {
    super(message, 'unauthorized');
  }
}
/** A web chat session unused for too long: 401, and the widget starts a new session. */
export class SessionExpiredError extends UnauthorizedError {
  constructor() {
    super('Sesi obrolan Anda telah berakhir karena lama tidak aktif. Silakan mulai percakapan baru.');
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'Anda tidak berwenang untuk tindakan ini.') {
    super(message, 'forbidden');
  }
}
export class NotFoundError extends AppError {
  constructor(message = 'Data tidak ditemukan.') {
    super(message, 'not_found');
  }
}
export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 'conflict');
  }
}
/** A dependency is down or slow (Redis, MongoDB, a platform API): 503, retried with backoff. */
export class TransientError extends AppError {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message, 'unavailable');
  }
}
/** A data file under faq/ or flows/ is invalid: stops the start, names file, entry and field. */
export class DataFileError extends Error {
  constructor(readonly file: string, readonly entry: string | null, readonly field: string | null, problem: string) {
    super(`${file}${entry ? ` [${entry}]` : ''}${field ? ` field '${field}'` : ''}: ${problem}`);
    this.name = 'DataFileError';
  }
}
/** The platform says the recipient can never be reached (blocked the bot, deleted account): not retried. */
export class RecipientUnreachableError extends AppError {
  constructor(message: string) {
    super(message, 'recipient_unreachable');
  }
}

// @ts-check
/**
 * Calls to the officer API. The session is the HttpOnly cookie set by /api/v1/auth/login; every
 * call carries X-Requested-With (the CSRF guard of cookie sessions). A 401 outside the log-in
 * form hands over to the handler set by main.js (back to the log-in form).
 */

export class ApiError extends Error {
  /**
   * @param {string} message Indonesian, shown to the officer
   * @param {number} status
   * @param {Record<string, unknown> | null} body
   */
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** @type {(message: string) => void} */
let onUnauthorized = () => undefined;

/** @param {(message: string) => void} handler */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

/**
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<any>} the parsed JSON answer
 */
export async function api(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = { 'X-Requested-With': 'konsol' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  /** @type {Record<string, unknown> | null} */
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (res.status === 401 && path !== '/api/v1/auth/login') onUnauthorized('Sesi berakhir. Silakan masuk kembali.');
  if (!res.ok) {
    const message = data && typeof data.error === 'string' ? data.error : `Permintaan gagal (${res.status}).`;
    throw new ApiError(message, res.status, data);
  }
  return data;
}

/**
 * A query string from the non-empty values.
 * @param {Record<string, string | number | boolean | null | undefined>} params
 */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '' && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The error's status, when it is an ApiError. @param {unknown} err */
export const statusOf = (err) => (err instanceof ApiError ? err.status : 0);
/** The error's message for the officer. @param {unknown} err */
export const messageOf = (err) => (err instanceof Error ? err.message : String(err));

// @ts-check
/** Session state shared by the console's modules: who is logged in, metadata, the server clock. */

/** @typedef {import('./types.js').Me} Me */
/** @typedef {import('./types.js').Meta} Meta */

export const session = {
  /** @type {Me | null} */
  me: null,
  /** @type {Meta | null} */
  meta: null,
  /** Server time minus browser time, so clocks count from the server's now. */
  serverOffset: 0,
};

/** The logged-in officer (only called once logged in). @returns {Me} */
export function me() {
  if (!session.me) throw new Error('belum masuk');
  return session.me;
}

/** @returns {Meta} */
export function meta() {
  if (!session.meta) throw new Error('metadata belum dimuat');
  return session.meta;
}

export const serverNow = () => Date.now() + session.serverOffset;

/** @param {unknown} now the server's `now` from a response */
export function syncClock(now) {
  if (typeof now === 'number') session.serverOffset = now - Date.now();
}

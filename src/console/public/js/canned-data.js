// @ts-check
/** Canned responses the officer may use, loaded once after log-in and after edits. */
import { api } from './api.js';
import { me } from './state.js';

/** @typedef {import('./types.js').CannedResponse} CannedResponse */

/** @type {CannedResponse[]} */
let all = [];

export async function loadCanned() {
  try {
    all = /** @type {{ cannedResponses: CannedResponse[] }} */ (await api('GET', '/api/v1/canned-responses')).cannedResponses;
  } catch {
    all = [];
  }
  return all;
}

export const allCanned = () => all;

/** The ones that fit a conversation of this agency. @param {string | null} agency */
export function cannedFor(agency) {
  const officer = me();
  return all.filter((c) => !agency || c.agency === agency || c.agency === officer.agency || c.agency === 'diskominfo');
}

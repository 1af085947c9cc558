// @ts-check
/**
 * The tab registry. A tab is one module exporting a `Tab` object; js/main.js registers it with one
 * line (`registerTab(myTab)`). This module builds the tab buttons (#tab-<id>, badge #badge-<id>)
 * for the tabs the officer may see, switches between them, reloads the visible one on live
 * events and keeps the badges current.
 *
 * Two layouts: 'list' tabs render items into the shared list pane (#list) and open details in the
 * detail pane beside it; 'page' tabs get the whole width (#page-body) for their own screen.
 */
import { $, clear, el } from './dom.js';
import { closeDetail } from './detail.js';
import { onInbox, onReconnect } from './live.js';
import { me } from './state.js';
import { markSeen } from './unseen.js';

/** @typedef {import('./types.js').Me} Me */
/** @typedef {import('./types.js').InboxEvent} InboxEvent */

/**
 * What a tab's setup/load receives.
 * @typedef {object} TabContext
 * @property {HTMLUListElement} list      the list pane's items ('list' layout)
 * @property {HTMLElement} tools          this tab's own area above the list (filters, search)
 * @property {HTMLElement} page           this tab's own area in the page pane ('page' layout)
 * @property {HTMLElement} pager          below the list: "more" buttons
 * @property {(message: string) => void} empty  shows a message in place of the list (empty or error)
 * @property {() => boolean} shown        whether this tab is still the one on screen
 */

/**
 * @typedef {object} Tab
 * @property {string} id                       unique, lower-case; the button is #tab-<id>
 * @property {string} label                    text of the tab button
 * @property {string} [title]                  heading above the list/page (default: label)
 * @property {'list' | 'page'} [layout]        default 'list'
 * @property {(me: Me) => boolean} [visible]   default: every officer
 * @property {string} [badgeId]                default badge-<id> (only when `count` is given)
 * @property {string} [badgeClass]             e.g. 'badge-warn'
 * @property {string} [badgeTitle]
 * @property {(ctx: TabContext) => void} [setup]           once after log-in: build tools/page
 * @property {(ctx: TabContext) => Promise<void>} load     (re)renders the tab's content
 * @property {() => Promise<number | null>} [count]        the badge figure (null: leave as is)
 * @property {(ev: InboxEvent) => boolean} [reloadOn]      live events that reload it when shown (default: all)
 * @property {boolean} [marksSeen]             opening the tab clears the "new updates" counter
 */

/** @type {Tab[]} */
const registered = [];
/** @type {{ tab: Tab, ctx: TabContext }[]} */
let active = [];
/** @type {string | null} */
let current = null;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let liveTimer;

/** Adds a tab (call before log-in; order of calls = order on screen). @param {Tab} tab */
export function registerTab(tab) {
  if (registered.some((t) => t.id === tab.id)) throw new Error(`tab '${tab.id}' sudah terdaftar`);
  registered.push(tab);
}

export const currentTab = () => current;

/** @param {Tab} tab */
const badgeIdOf = (tab) => tab.badgeId ?? `badge-${tab.id}`;

/** Builds the buttons and contexts of the tabs this officer may see; returns their ids. */
export function startTabs() {
  const nav = $('tabs');
  const end = $('tabs-end');
  for (const { tab, ctx } of active) {
    document.getElementById(`tab-${tab.id}`)?.remove();
    ctx.tools.remove();
    ctx.page.remove();
  }
  active = [];
  current = null;
  const officer = me();
  for (const tab of registered) {
    if (tab.visible && !tab.visible(officer)) continue;
    const button = el(
      'button',
      { type: 'button', className: 'tab', id: `tab-${tab.id}`, 'data-view': tab.id, onclick: () => setView(tab.id) },
      tab.label,
      tab.count ? ' ' : null,
      tab.count ? el('span', { className: `badge ${tab.badgeClass ?? ''}`.trim(), id: badgeIdOf(tab), title: tab.badgeTitle }, '0') : null,
    );
    nav.insertBefore(button, end);
    const tools = el('div', { className: 'tab-tools', 'data-tab': tab.id, hidden: true });
    $('list-tools').appendChild(tools);
    const page = el('div', { className: 'tab-page', 'data-tab': tab.id, hidden: true });
    $('page-body').appendChild(page);
    /** @type {TabContext} */
    const ctx = {
      list: /** @type {HTMLUListElement} */ ($('list')),
      tools,
      page,
      pager: $('list-pager'),
      empty: (message) => {
        $('list-empty').hidden = false;
        $('list-empty').textContent = message;
      },
      shown: () => current === tab.id,
    };
    active.push({ tab, ctx });
    tab.setup?.(ctx);
  }
  return active.map((a) => a.tab.id);
}

/** @param {string} id */
function entry(id) {
  return active.find((a) => a.tab.id === id) ?? null;
}

/** Shows a tab (closing any open detail) and loads it. @param {string} id */
export function setView(id) {
  const a = entry(id);
  if (!a) return;
  current = id;
  for (const { tab, ctx } of active) {
    const button = $(`tab-${tab.id}`);
    if (tab.id === id) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
    ctx.tools.hidden = tab.id !== id || (tab.layout ?? 'list') !== 'list';
    ctx.page.hidden = tab.id !== id || tab.layout !== 'page';
  }
  const isPage = a.tab.layout === 'page';
  $('panes').hidden = isPage;
  $('page-pane').hidden = !isPage;
  $(isPage ? 'page-title' : 'list-title').textContent = a.tab.title ?? a.tab.label;
  if (a.tab.marksSeen) markSeen();
  closeDetail();
  void reloadList();
}

/** Reloads the visible tab's content. */
export async function reloadList() {
  const a = current ? entry(current) : null;
  if (!a) return;
  if ((a.tab.layout ?? 'list') === 'list') {
    $('list-empty').hidden = true;
    $('list-pager').hidden = true;
  }
  try {
    await a.tab.load(a.ctx);
  } catch (err) {
    if (a.ctx.shown() && !(err instanceof Error && 'status' in err && err.status === 401)) a.ctx.empty(err instanceof Error ? err.message : String(err));
  }
}

/** Sets a tab's badge figure. @param {string} id tab id @param {number} n */
export function setBadge(id, n) {
  const a = entry(id);
  const badge = a ? document.getElementById(badgeIdOf(a.tab)) : null;
  if (badge) badge.textContent = String(n);
}

/** Recomputes every badge. */
export async function refreshCounts() {
  for (const { tab } of active) {
    if (!tab.count) continue;
    try {
      const n = await tab.count();
      if (n !== null) setBadge(tab.id, n);
    } catch {
      /* the list shows the error */
    }
  }
}

/** The visible list pane's items, cleared, for a tab to render into. @param {TabContext} ctx */
export function resetList(ctx) {
  clear(ctx.list);
  clear(ctx.pager);
  ctx.pager.hidden = true;
}

// After a break in the live stream, the lists may have changed meanwhile.
onReconnect(() => {
  void reloadList();
  void refreshCounts();
});

// Live events: reload the visible tab and the badges (debounced: bursts become one reload).
onInbox((ev) => {
  clearTimeout(liveTimer);
  liveTimer = setTimeout(() => {
    const a = current ? entry(current) : null;
    if (a && (!a.tab.reloadOn || a.tab.reloadOn(ev))) void reloadList();
    void refreshCounts();
  }, 150);
});

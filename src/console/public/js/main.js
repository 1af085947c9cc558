// @ts-check
/**
 * Konsol petugas Helpdesk SPBE: log-in, the tabs, live updates. Browser ES modules, no build step.
 *
 * To add a tab: write js/views/<name>.js exporting a `Tab` (see js/tabs.js) and register it
 * below with one line. DEVELOPERS.md ("Officer console") says more.
 */
import { api, messageOf, setUnauthorizedHandler } from './api.js';
import { loadCanned } from './canned-data.js';
import { closeDetail, wireBackButtons } from './detail.js';
import { setupTicketDetail } from './detail/ticket.js';
import { $, $button, $form, $input } from './dom.js';
import { agencyLabel } from './format.js';
import { connect, disconnect, onExpired } from './live.js';
import { setupNotify } from './notify.js';
import { session } from './state.js';
import { refreshCounts, registerTab, reloadList, setView, startTabs } from './tabs.js';
import { resetTitle } from './unseen.js';
import { deliveriesTab } from './views/deliveries.js';
import { incidentsTab } from './views/incidents.js';
import { knowledgeTab } from './views/knowledge.js';
import { reportsTab } from './views/reports.js';
import { inboxTab, mineTab } from './views/inbox.js';
import { myTicketsTab, ticketsTab } from './views/tickets.js';
import { cannedTab } from './views/canned.js';
import { groupsTab } from './views/groups.js';

// ---- the tabs, in the order shown (one line per tab)
registerTab(inboxTab);
registerTab(mineTab);
registerTab(ticketsTab);
registerTab(myTicketsTab);
registerTab(incidentsTab);
registerTab(reportsTab);
registerTab(knowledgeTab);
registerTab(deliveriesTab);
registerTab(cannedTab);
registerTab(groupsTab);

/** @param {string} message */
function showLogin(message) {
  disconnect();
  session.me = null;
  closeDetail();
  $('app-view').hidden = true;
  $('who').hidden = true;
  $('login-view').hidden = false;
  $('login-error').textContent = message || '';
  resetTitle();
  setTimeout(() => $input('login-email').focus(), 0);
}

async function start() {
  const me = await api('GET', '/api/v1/auth/me');
  session.me = me.officer;
  session.meta = await api('GET', '/api/v1/console/meta');
  const officer = me.officer;
  $('who-name').textContent = officer.name;
  $('who-role').textContent = `${officer.roleLabel} · ${agencyLabel(officer.agency)}`;
  $('who').hidden = false;
  $('login-view').hidden = true;
  $('app-view').hidden = false;
  setupTicketDetail();
  if (officer.permissions.chats) setupNotify();
  await loadCanned();
  const tabs = startTabs();
  setView(tabs[0] ?? 'tickets');
  connect(null);
  void refreshCounts();
  $('main').focus();
}

setUnauthorizedHandler(showLogin);
onExpired(() => showLogin('Sesi berakhir. Silakan masuk kembali.'));

$form('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const email = $input('login-email').value.trim();
  const password = $input('login-password').value;
  if (!email || !password) {
    $('login-error').textContent = 'Isi e-mail dan kata sandi.';
    return;
  }
  const submit = $button('login-submit');
  submit.disabled = true;
  $('login-error').textContent = '';
  try {
    await api('POST', '/api/v1/auth/login', { email, password });
    $input('login-password').value = '';
    await start();
  } catch (e) {
    $('login-error').textContent = messageOf(e);
  } finally {
    submit.disabled = false;
  }
});

$('logout').addEventListener('click', async () => {
  try {
    await api('POST', '/api/v1/auth/logout');
  } catch {
    /* logged out anyway */
  }
  showLogin('Anda telah keluar.');
});

$('refresh').addEventListener('click', () => {
  void reloadList();
  void refreshCounts();
});
wireBackButtons(() => void reloadList());

api('GET', '/api/v1/auth/me').then(
  () => start(),
  () => showLogin(''),
);

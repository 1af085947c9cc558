// @ts-check
/**
 * Tab 'Petugas' (koordinator-layanan only; the server decides): officer accounts. Create an
 * account, change an officer's role and agency, deactivate or activate them, set a new password.
 * Deactivating an officer or setting their password ends their sessions at once.
 * Server: GET/POST /api/v1/officers, PATCH /api/v1/officers/:id.
 */
import { api, messageOf, query } from '../api.js';
import { announce, clear, el, fillSelect } from '../dom.js';
import { fmtTime } from '../format.js';
import { me, meta } from '../state.js';

/** @typedef {import('../tabs.js').Tab} Tab */
/** @typedef {import('../tabs.js').TabContext} TabContext */
/** @typedef {import('../account-types.js').OfficerAccount} OfficerAccount */
/** @typedef {import('../account-types.js').OfficerPage} OfficerPage */

/** @type {[string, string][]} BAB IV roles (src/officers/scope.ts ROLE_LABELS) */
export const ROLES = [
  ['koordinator-layanan', 'Koordinator Layanan'],
  ['koordinator-pemulihan', 'Koordinator Pemulihan'],
  ['pengelola-layanan', 'Pengelola Layanan'],
  ['pengelola-teknis', 'Pengelola Teknis'],
  ['penyedia-layanan', 'Penyedia Layanan'],
];
const PAGE = 20;
let offset = 0;

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id */
const input = (id) => /** @type {HTMLInputElement} */ (byId(id));
/** @param {string} id */
const select = (id) => /** @type {HTMLSelectElement} */ (byId(id));

/** @returns {[string, string][]} */
const agencyOptions = () => meta().agencies.map((a) => /** @type {[string, string]} */ ([a.id, a.name]));

/** @param {string} id @param {string} text @param {HTMLElement} control */
const field = (id, text, control) => el('div', { className: 'field' }, el('label', { for: id, text }), control);

/** @param {TabContext} ctx */
function setup(ctx) {
  const role = el('select', { id: 'ofc-new-role', required: true });
  fillSelect(role, ROLES);
  role.value = 'pengelola-layanan';
  const agency = el('select', { id: 'ofc-new-agency', required: true });
  fillSelect(agency, agencyOptions());
  const form = el(
    'form',
    { className: 'card form-card', id: 'ofc-form', novalidate: true },
    el('h3', { text: 'Tambah akun petugas' }),
    el(
      'div',
      { className: 'report-filters' },
      field('ofc-new-email', 'E-mail', el('input', { id: 'ofc-new-email', type: 'email', autocomplete: 'off', required: true, maxlength: '254' })),
      field('ofc-new-name', 'Nama', el('input', { id: 'ofc-new-name', autocomplete: 'off', required: true, maxlength: '120' })),
      field('ofc-new-role', 'Peran', role),
      field('ofc-new-agency', 'Perangkat daerah', agency),
      field('ofc-new-password', 'Kata sandi awal (min. 10 karakter)', el('input', { id: 'ofc-new-password', type: 'password', autocomplete: 'new-password', required: true, minlength: '10', maxlength: '200' })),
    ),
    el('p', { className: 'error', role: 'alert', id: 'ofc-form-error' }),
    el('button', { type: 'submit', className: 'btn btn-primary', id: 'ofc-create' }, 'Buat akun'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void create(ctx);
  });

  const filterRole = el('select', { id: 'ofc-filter-role' });
  fillSelect(filterRole, [['', 'Semua peran'], ...ROLES]);
  const filterAgency = el('select', { id: 'ofc-filter-agency' });
  fillSelect(filterAgency, [['', 'Semua perangkat daerah'], ...agencyOptions()]);
  const filterActive = el('select', { id: 'ofc-filter-active' });
  fillSelect(filterActive, [['', 'Semua status'], ['1', 'Aktif'], ['0', 'Nonaktif']]);
  const filters = el(
    'form',
    { className: 'report-filters', id: 'ofc-filters' },
    field('ofc-filter-q', 'Cari nama atau e-mail', el('input', { id: 'ofc-filter-q', type: 'search', autocomplete: 'off' })),
    field('ofc-filter-role', 'Peran', filterRole),
    field('ofc-filter-agency', 'Perangkat daerah', filterAgency),
    field('ofc-filter-active', 'Status', filterActive),
    el('button', { type: 'submit', className: 'btn' }, 'Terapkan'),
  );
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    offset = 0;
    void officersTab.load(ctx);
  });

  ctx.page.appendChild(form);
  ctx.page.appendChild(
    el(
      'section',
      { className: 'kb-section', 'aria-labelledby': 'ofc-list-title' },
      el('h3', { id: 'ofc-list-title', text: 'Daftar petugas' }),
      filters,
      el('p', { className: 'error', role: 'alert', id: 'ofc-error' }),
      el('ul', { className: 'items', id: 'ofc-list' }),
      el('div', { className: 'pager', id: 'ofc-pager' }),
    ),
  );
}

/** @param {TabContext} ctx */
async function create(ctx) {
  byId('ofc-form-error').textContent = '';
  const body = {
    email: input('ofc-new-email').value.trim(),
    name: input('ofc-new-name').value.trim(),
    role: select('ofc-new-role').value,
    agency: select('ofc-new-agency').value,
    password: input('ofc-new-password').value,
  };
  try {
    const { officer } = await api('POST', '/api/v1/officers', body);
    /** @type {HTMLFormElement} */ (byId('ofc-form')).reset();
    select('ofc-new-role').value = 'pengelola-layanan';
    announce(`Akun ${officer.email} dibuat.`);
    await officersTab.load(ctx);
  } catch (err) {
    byId('ofc-form-error').textContent = messageOf(err);
  }
}

/**
 * @param {TabContext} ctx
 * @param {OfficerAccount} o
 * @param {Record<string, unknown>} change
 * @param {string} done what to announce
 */
async function patch(ctx, o, change, done) {
  byId('ofc-error').textContent = '';
  try {
    const result = await api('PATCH', `/api/v1/officers/${encodeURIComponent(o.id)}`, change);
    const ended = typeof result.sessionsEnded === 'number' && result.sessionsEnded > 0 ? ` ${result.sessionsEnded} sesi diakhiri.` : '';
    announce(`${done}${ended}`);
    byId('ofc-error').textContent = '';
    await officersTab.load(ctx);
    const status = document.getElementById('ofc-status');
    if (status) status.textContent = `${done}${ended}`;
  } catch (err) {
    byId('ofc-error').textContent = messageOf(err);
  }
}

/** @param {TabContext} ctx @param {OfficerAccount} o */
function officerItem(ctx, o) {
  const self = o.id === me().id;
  const key = o.id.replace(/[^A-Za-z0-9_-]/g, '_');
  const role = el('select', { id: `ofc-role-${key}`, 'aria-label': `Peran ${o.name}` });
  fillSelect(role, ROLES);
  role.value = o.role;
  const agency = el('select', { id: `ofc-agency-${key}`, 'aria-label': `Perangkat daerah ${o.name}` });
  fillSelect(agency, agencyOptions());
  agency.value = o.agency;
  const password = el('input', { type: 'password', autocomplete: 'new-password', minlength: '10', maxlength: '200', placeholder: 'Kata sandi baru', 'aria-label': `Kata sandi baru untuk ${o.name}` });
  const passwordForm = el(
    'form',
    { className: 'inline-form', hidden: true },
    password,
    el('button', { type: 'submit', className: 'btn btn-small btn-primary' }, 'Simpan kata sandi'),
  );
  passwordForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void patch(ctx, o, { password: password.value }, `Kata sandi ${o.email} diganti.`);
  });
  // Deactivation asks once more, in the page (no browser dialog).
  const confirmBox = el(
    'div',
    { className: 'inline-form', hidden: true, role: 'group', 'aria-label': `Konfirmasi menonaktifkan ${o.name}` },
    el('span', { text: `Nonaktifkan akun ${o.name}? Semua sesinya langsung berakhir.` }),
    el('button', { type: 'button', className: 'btn btn-small btn-danger-ghost', onclick: () => void patch(ctx, o, { active: false }, `Akun ${o.email} dinonaktifkan.`) }, 'Ya, nonaktifkan'),
    el('button', { type: 'button', className: 'btn btn-small btn-ghost', onclick: () => (confirmBox.hidden = true) }, 'Batal'),
  );
  const toggle = () => {
    if (!o.active) return void patch(ctx, o, { active: true }, `Akun ${o.email} diaktifkan.`);
    confirmBox.hidden = false;
  };
  return el(
    'li',
    { className: 'item', 'data-email': o.email, 'data-active': String(o.active) },
    el(
      'div',
      { className: 'kb-item' },
      el(
        'div',
        { className: 'item-top' },
        el('span', { className: 'item-title', text: o.name }),
        el('span', { className: `pill ${o.active ? 'pill-ok' : 'pill-bad'}`, text: o.active ? 'Aktif' : 'Nonaktif' }),
      ),
      el('div', { className: 'item-sub', text: `${o.email} · ${o.roleLabel} · ${o.agencyName} · diubah ${fmtTime(o.updatedAt)}${self ? ' · akun Anda' : ''}` }),
      el(
        'div',
        { className: 'chips' },
        self ? null : role,
        self ? null : agency,
        self ? null : el('button', { type: 'button', className: 'btn btn-small', onclick: () => void patch(ctx, o, { role: role.value, agency: agency.value }, `Peran ${o.email} disimpan.`) }, 'Simpan peran'),
        self && o.active ? null : el('button', { type: 'button', className: `btn btn-small ${o.active ? 'btn-danger-ghost' : ''}`.trim(), onclick: toggle }, o.active ? 'Nonaktifkan' : 'Aktifkan'),
        el('button', { type: 'button', className: 'btn btn-small', onclick: () => ((passwordForm.hidden = !passwordForm.hidden), passwordForm.hidden || password.focus()) }, 'Atur ulang kata sandi'),
      ),
      confirmBox,
      passwordForm,
    ),
  );
}

/** @type {Tab} */
export const officersTab = {
  id: 'officers',
  label: 'Petugas',
  title: 'Akun petugas',
  layout: 'page',
  // The server allows only the koordinator-layanan (src/officers/scope.ts canManageOfficers).
  visible: (officer) => officer.role === 'koordinator-layanan',
  setup,
  reloadOn: () => false,
  async load(ctx) {
    const params = {
      q: input('ofc-filter-q').value.trim(),
      role: select('ofc-filter-role').value,
      agency: select('ofc-filter-agency').value,
      active: select('ofc-filter-active').value,
      limit: PAGE,
      offset,
    };
    /** @type {OfficerPage} */
    const page = await api('GET', `/api/v1/officers${query(params)}`);
    if (!ctx.shown()) return;
    const list = byId('ofc-list');
    clear(list);
    if (!page.officers.length) list.appendChild(el('li', { className: 'empty', text: 'Tidak ada petugas yang cocok.' }));
    for (const o of page.officers) list.appendChild(officerItem(ctx, o));
    const pager = byId('ofc-pager');
    clear(pager);
    const from = page.total ? page.offset + 1 : 0;
    const to = page.offset + page.officers.length;
    pager.appendChild(el('span', { className: 'muted small', id: 'ofc-status-range', text: `${from}–${to} dari ${page.total} petugas` }));
    if (page.offset > 0) pager.appendChild(el('button', { type: 'button', className: 'btn btn-small', onclick: () => ((offset = Math.max(0, offset - PAGE)), void officersTab.load(ctx)) }, 'Sebelumnya'));
    if (to < page.total) pager.appendChild(el('button', { type: 'button', className: 'btn btn-small', onclick: () => ((offset += PAGE), void officersTab.load(ctx)) }, 'Berikutnya'));
    pager.appendChild(el('span', { className: 'muted small', id: 'ofc-status', role: 'status' }));
  },
};

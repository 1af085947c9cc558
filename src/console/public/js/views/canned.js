// @ts-check
/**
 * Tab 'Balasan cepat': the canned responses the officer may use, and creating, changing and
 * deleting those of the agencies the officer may edit (koordinator-layanan: every agency;
 * pengelola: their own). Saving refreshes the choices of the reply box (js/canned-data.js).
 */
import { api, messageOf } from '../api.js';
import { loadCanned } from '../canned-data.js';
import { announce, clear, el, fillSelect } from '../dom.js';
import { agencyLabel } from '../format.js';
import { me, meta } from '../state.js';

/** @typedef {import('../tabs.js').Tab} Tab */
/** @typedef {import('../tabs.js').TabContext} TabContext */
/** @typedef {import('../types.js').CannedResponse} CannedResponse */

/** @param {string} agency */
function canEdit(agency) {
  const officer = me();
  if (officer.role === 'koordinator-layanan') return true;
  return officer.role !== 'penyedia-layanan' && officer.agency === agency;
}

/** An id from a title: lower-case words joined by '-', at most 40 characters. @param {string} title */
export function slugOf(title) {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || `balasan-${Date.now().toString(36)}`;
}

/** @type {{ list: HTMLElement, form: HTMLFormElement, id: HTMLInputElement, title: HTMLInputElement, text: HTMLTextAreaElement, agency: HTMLSelectElement, error: HTMLElement, heading: HTMLElement } | null} */
let ui = null;

/** @param {CannedResponse | null} c */
function edit(c) {
  if (!ui) return;
  ui.heading.textContent = c ? `Ubah balasan cepat "${c.title}"` : 'Balasan cepat baru';
  ui.id.value = c ? c.id : '';
  ui.id.readOnly = !!c;
  ui.title.value = c ? c.title : '';
  ui.text.value = c ? c.text : '';
  if (c) ui.agency.value = c.agency;
  ui.agency.disabled = !!c;
  ui.error.textContent = '';
  ui.title.focus();
}

/** @param {CannedResponse} c */
function row(c) {
  const editable = canEdit(c.agency);
  return el(
    'li',
    { className: 'card canned-item', 'data-canned': c.id },
    el('div', { className: 'item-top' }, el('strong', { text: c.title }), el('span', { className: 'chip', text: agencyLabel(c.agency) })),
    el('p', { className: 'canned-text', text: c.text }),
    editable
      ? el(
          'div',
          { className: 'actions' },
          el('button', { type: 'button', className: 'btn btn-small', onclick: () => edit(c), 'aria-label': `Ubah ${c.title}` }, 'Ubah'),
          el(
            'button',
            {
              type: 'button',
              className: 'btn btn-small btn-danger-ghost',
              'aria-label': `Hapus ${c.title}`,
              onclick: async () => {
                if (!window.confirm(`Hapus balasan cepat "${c.title}"?`)) return;
                try {
                  await api('DELETE', `/api/v1/canned-responses/${encodeURIComponent(c.id)}?agency=${encodeURIComponent(c.agency)}`);
                  announce('Balasan cepat dihapus.');
                  await render();
                } catch (e) {
                  if (ui) ui.error.textContent = messageOf(e);
                }
              },
            },
            'Hapus',
          ),
        )
      : null,
  );
}

async function render() {
  if (!ui) return;
  const list = await loadCanned();
  clear(ui.list);
  if (!list.length) ui.list.appendChild(el('li', { className: 'muted', text: 'Belum ada balasan cepat.' }));
  for (const c of list) ui.list.appendChild(row(c));
}

/** @param {TabContext} ctx */
function setup(ctx) {
  const officer = me();
  const agencies = meta()
    .agencies.filter((a) => canEdit(a.id))
    .map((a) => /** @type {[string, string]} */ ([a.id, a.name]));
  const agency = el('select', { id: 'canned-agency' });
  fillSelect(agency, agencies);
  agency.value = officer.agency;
  const heading = el('h3', { id: 'canned-form-title', text: 'Balasan cepat baru' });
  const error = el('p', { className: 'error', role: 'alert', id: 'canned-error' });
  const id = el('input', { id: 'canned-id', maxlength: '40', pattern: '[a-z0-9][a-z0-9-]{0,39}', placeholder: 'dibuat dari judul bila kosong', autocomplete: 'off' });
  const title = el('input', { id: 'canned-title', maxlength: '80', required: true, autocomplete: 'off' });
  const text = el('textarea', { id: 'canned-text', rows: '4', maxlength: '4000', required: true });
  const form = el(
    'form',
    { id: 'canned-form', className: 'card form-card' },
    heading,
    el('label', { for: 'canned-title', text: 'Judul balasan cepat' }),
    title,
    el('label', { for: 'canned-text', text: 'Teks balasan (dikirim apa adanya ke pengguna)' }),
    text,
    el('label', { for: 'canned-agency', text: 'Perangkat daerah' }),
    agency,
    el('label', { for: 'canned-id', text: 'Kode (huruf kecil, angka, tanda minus)' }),
    id,
    error,
    el(
      'div',
      { className: 'actions' },
      el('button', { type: 'submit', className: 'btn btn-primary', id: 'canned-save' }, 'Simpan balasan cepat'),
      el('button', { type: 'button', className: 'btn btn-ghost', id: 'canned-new', onclick: () => edit(null) }, 'Baru'),
    ),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!ui) return;
    const t = title.value.trim();
    const body = text.value.trim();
    if (!t || !body) {
      error.textContent = 'Isi judul dan teks balasan.';
      return;
    }
    const key = id.value.trim() || slugOf(t);
    try {
      await api('PUT', `/api/v1/canned-responses/${encodeURIComponent(key)}`, { title: t, text: body, agency: agency.value });
      announce(`Balasan cepat "${t}" disimpan.`);
      edit(null);
      await render();
    } catch (e) {
      error.textContent = messageOf(e);
    }
  });
  const list = el('ul', { id: 'canned-list', className: 'canned-list', 'aria-label': 'Daftar balasan cepat' });
  ctx.page.appendChild(el('div', { className: 'canned-page' }, officer.permissions.editsCanned ? form : null, list));
  ui = { list, form, id, title, text, agency, error, heading };
}

/** @type {Tab} */
export const cannedTab = {
  id: 'canned',
  label: 'Balasan cepat',
  title: 'Balasan cepat',
  layout: 'page',
  visible: (me) => me.permissions.chats || me.permissions.editsCanned,
  setup,
  async load() {
    await render();
  },
  reloadOn: () => false,
};

// @ts-check
/**
 * Tab 'Grup Telegram' (koordinators): a one-time code that registers an agency's Telegram group
 * for notifications (escalations, incidents). The code is sent in the group as `/daftar_grup KODE` by a group admin.
 */
import { api, messageOf } from '../api.js';
import { announce, clear, el, fillSelect } from '../dom.js';
import { fmtTime } from '../format.js';
import { meta } from '../state.js';

/** @typedef {import('../tabs.js').Tab} Tab */
/** @typedef {import('../tabs.js').TabContext} TabContext */

/** @param {TabContext} ctx */
function setup(ctx) {
  const agency = el('select', { id: 'group-agency' });
  fillSelect(
    agency,
    meta().agencies.map((a) => [a.id, a.name]),
  );
  const result = el('div', { id: 'group-code', 'aria-live': 'polite' });
  const error = el('p', { className: 'error', role: 'alert' });
  const form = el(
    'form',
    { id: 'group-form', className: 'card form-card' },
    el('h3', { text: 'Daftarkan grup Telegram perangkat daerah' }),
    el('p', { className: 'muted', text: 'Buat kode, tambahkan bot ke grup Telegram perangkat daerah, lalu kirim perintah yang ditampilkan di grup itu. Kode hanya berlaku sekali dan untuk waktu terbatas.' }),
    el('label', { for: 'group-agency', text: 'Perangkat daerah' }),
    agency,
    error,
    el('button', { type: 'submit', className: 'btn btn-primary', id: 'group-create' }, 'Buat kode pendaftaran'),
    result,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    clear(result);
    try {
      const r = /** @type {{ code: string, agency: string, expiresAt: number }} */ (await api('POST', '/api/v1/telegram/registration-codes', { agency: agency.value }));
      result.appendChild(el('p', null, 'Kirim di grup: ', el('code', { className: 'code', text: `/daftar_grup ${r.code}` })));
      result.appendChild(el('p', { className: 'muted small', text: `Berlaku sampai ${fmtTime(r.expiresAt)}.` }));
      announce(`Kode pendaftaran dibuat: ${r.code}`);
    } catch (e) {
      error.textContent = messageOf(e);
    }
  });
  ctx.page.appendChild(form);
}

/** @type {Tab} */
export const groupsTab = {
  id: 'groups',
  label: 'Grup Telegram',
  title: 'Grup Telegram perangkat daerah',
  layout: 'page',
  visible: (me) => me.permissions.groupCodes,
  setup,
  async load() {},
  reloadOn: () => false,
};

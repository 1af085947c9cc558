// @ts-check
/** Tab 'Pengiriman gagal' (koordinators): messages that could not be delivered after retries. */
import { api } from '../api.js';
import { showConversation } from '../detail/conversation.js';
import { el } from '../dom.js';
import { channelChip, channelLabel, fmtTime } from '../format.js';
import { resetList } from '../tabs.js';

/** @typedef {import('../tabs.js').Tab} Tab */
/** @typedef {import('../types.js').Delivery} Delivery */

const FAILED = '/api/v1/deliveries?status=failed&limit=200';

async function failed() {
  return /** @type {{ deliveries: Delivery[] }} */ (await api('GET', FAILED)).deliveries;
}

/** @type {Tab} */
export const deliveriesTab = {
  id: 'deliveries',
  label: 'Pengiriman gagal',
  title: 'Pesan yang gagal terkirim',
  visible: (me) => me.permissions.deliveries,
  badgeId: 'badge-failed',
  badgeClass: 'badge-warn',
  badgeTitle: 'Pesan yang gagal terkirim setelah dicoba ulang',
  async load(ctx) {
    const list = await failed();
    if (!ctx.shown()) return;
    resetList(ctx);
    if (!list.length) ctx.empty('Tidak ada pesan yang gagal terkirim.');
    for (const d of list) {
      ctx.list.appendChild(
        el(
          'li',
          { className: 'item', 'data-id': d.conversationId },
          el(
            'button',
            { type: 'button', onclick: () => void showConversation(d.conversationId), 'aria-label': 'Buka percakapan dengan pesan gagal terkirim' },
            el('div', { className: 'item-top' }, el('span', { className: 'item-title', text: `Gagal setelah ${d.attempts} percobaan` }), el('span', { className: 'clock late', text: fmtTime(d.updatedAt) })),
            el('div', { className: 'item-last', text: d.lastError || 'Tanpa keterangan galat' }),
            el('div', { className: 'chips' }, el('span', { className: `chip ${channelChip(d.channel)}`, text: channelLabel(d.channel) })),
          ),
        ),
      );
    }
  },
  async count() {
    return (await failed()).length;
  },
};

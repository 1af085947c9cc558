// @ts-check
/**
 * Tab 'Pengetahuan': what users asked that the bot could not answer (knowledge gaps, grouped by
 * similarity with counts), an FAQ entry drafted from a gap, and the entries: the
 * koordinator-layanan publishes them (the bot answers with them at once) or withdraws them;
 * the published ones export as a faq/entries YAML file for review. Scope by the server.
 */
import { api, messageOf } from '../api.js';
import { announce, clear, el, fillSelect } from '../dom.js';
import { fmtTime } from '../format.js';
import { me, meta } from '../state.js';

/** @typedef {import('../tabs.js').Tab} Tab */
/** @typedef {import('../tabs.js').TabContext} TabContext */
/** @typedef {import('../report-types.js').KnowledgeGap} KnowledgeGap */
/** @typedef {import('../report-types.js').KnowledgeEntry} KnowledgeEntry */

/** @type {Record<string, string>} */
const KINDS = { unanswered: 'tidak terjawab', low_confidence: 'bot ragu', not_helpful: 'tidak membantu' };
/** @type {Record<string, string>} */
const STATES = { draft: 'Draf', published: 'Diterbitkan', withdrawn: 'Ditarik' };

/** The entry being edited (null: a new draft). @type {string | null} */
let editing = null;
/** The gap a new draft answers. @type {string | null} */
let fromGap = null;

const writes = () => me().role !== 'penyedia-layanan';
const publishes = () => me().role === 'koordinator-layanan';

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Services the officer may write entries for ('' = no particular service, Diskominfo). */
function serviceOptions() {
  const officer = me();
  const all = officer.permissions.readsEverything;
  /** @type {[string, string][]} */
  const options = meta()
    .services.filter((s) => all || s.owners.includes(officer.agency))
    .map((s) => /** @type {[string, string]} */ ([s.id, s.name]))
    .sort((a, b) => a[1].localeCompare(b[1], 'id'));
  if (all || officer.agency === 'diskominfo') options.unshift(['', 'Tanpa layanan tertentu']);
  return options;
}

/** @param {TabContext} ctx */
function setup(ctx) {
  ctx.page.appendChild(
    el(
      'section',
      { className: 'kb-section', 'aria-labelledby': 'kb-gaps-title' },
      el('h3', { id: 'kb-gaps-title', text: 'Pertanyaan yang belum terjawab bot (30 hari terakhir)' }),
      el('p', { className: 'muted small', text: 'Dikelompokkan menurut kemiripan. Pilih “Susun FAQ” untuk menulis jawabannya.' }),
      el('ul', { className: 'items', id: 'kb-gaps' }),
    ),
  );
  if (writes()) {
    const service = el('select', { id: 'kb-service' });
    fillSelect(service, serviceOptions());
    const form = el(
      'form',
      { className: 'card form-card', id: 'kb-form' },
      el('h3', { id: 'kb-form-title', text: 'Draf entri FAQ baru' }),
      el('label', { for: 'kb-service', text: 'Layanan' }),
      service,
      el('label', { for: 'kb-questions', text: 'Variasi pertanyaan (satu per baris; minimal 3 agar bisa digabung ke faq/)' }),
      el('textarea', { id: 'kb-questions', rows: '4', required: true }),
      el('label', { for: 'kb-answer', text: 'Jawaban' }),
      el('textarea', { id: 'kb-answer', rows: '4', maxlength: '4000', required: true }),
      el('p', { className: 'error', role: 'alert', id: 'kb-form-error' }),
      el('div', { className: 'actions' }, el('button', { type: 'submit', className: 'btn btn-primary', id: 'kb-save' }, 'Simpan draf'), el('button', { type: 'button', className: 'btn btn-ghost', id: 'kb-reset' }, 'Kosongkan')),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void save(ctx);
    });
    ctx.page.appendChild(form);
    byId('kb-reset').addEventListener('click', () => resetForm());
  }
  const exportLink = me().permissions.readsEverything ? el('a', { className: 'btn btn-small', href: '/api/v1/knowledge/export', download: 'faq-konsol.yaml', id: 'kb-export' }, 'Ekspor YAML (faq/entries)') : null;
  ctx.page.appendChild(
    el(
      'section',
      { className: 'kb-section', 'aria-labelledby': 'kb-entries-title' },
      el('div', { className: 'pane-head' }, el('h3', { id: 'kb-entries-title', text: 'Entri FAQ dari konsol' }), exportLink),
      el('p', { className: 'error', role: 'alert', id: 'kb-error' }),
      el('ul', { className: 'items', id: 'kb-entries' }),
    ),
  );
}

function resetForm() {
  editing = null;
  fromGap = null;
  byId('kb-form-title').textContent = 'Draf entri FAQ baru';
  /** @type {HTMLFormElement} */ (byId('kb-form')).reset();
  byId('kb-form-error').textContent = '';
}

/** Fills the form from a gap. @param {KnowledgeGap} gap */
function draftFrom(gap) {
  resetForm();
  fromGap = gap.normalized;
  const questions = [gap.text, ...gap.variants];
  /** @type {HTMLTextAreaElement} */ (byId('kb-questions')).value = questions.join('\n');
  const service = /** @type {HTMLSelectElement} */ (byId('kb-service'));
  if (gap.service && [...service.options].some((o) => o.value === gap.service)) service.value = gap.service;
  byId('kb-form-title').textContent = 'Draf entri FAQ dari pertanyaan pengguna';
  /** @type {HTMLTextAreaElement} */ (byId('kb-answer')).focus();
}

/** Loads an entry into the form for editing. @param {KnowledgeEntry} entry */
function edit(entry) {
  resetForm();
  editing = entry.id;
  /** @type {HTMLSelectElement} */ (byId('kb-service')).value = entry.service ?? '';
  /** @type {HTMLTextAreaElement} */ (byId('kb-questions')).value = entry.questions.join('\n');
  /** @type {HTMLTextAreaElement} */ (byId('kb-answer')).value = entry.answer;
  byId('kb-form-title').textContent = `Ubah entri ${entry.id}`;
  /** @type {HTMLTextAreaElement} */ (byId('kb-answer')).focus();
}

/** @param {TabContext} ctx */
async function save(ctx) {
  const questions = /** @type {HTMLTextAreaElement} */ (byId('kb-questions')).value.split('\n').map((q) => q.trim()).filter(Boolean);
  const answer = /** @type {HTMLTextAreaElement} */ (byId('kb-answer')).value.trim();
  const service = /** @type {HTMLSelectElement} */ (byId('kb-service')).value || null;
  byId('kb-form-error').textContent = '';
  try {
    if (editing) {
      await api('PATCH', `/api/v1/knowledge/entries/${editing}`, { service, questions, answer });
      announce('Entri disimpan. Terbitkan agar bot memakai perubahan ini.');
    } else {
      const created = await api('POST', '/api/v1/knowledge/entries', { service, questions, answer, ...(fromGap ? { gap: fromGap } : {}) });
      announce(`Draf ${created.id} disimpan.`);
    }
    resetForm();
    await knowledgeTab.load(ctx);
  } catch (err) {
    byId('kb-form-error').textContent = messageOf(err);
  }
}

/** @param {TabContext} ctx @param {string} id @param {'publish' | 'withdraw'} action */
async function act(ctx, id, action) {
  byId('kb-error').textContent = '';
  try {
    await api('POST', `/api/v1/knowledge/entries/${id}/${action}`, action === 'withdraw' ? { reason: 'Ditarik dari konsol' } : undefined);
    announce(action === 'publish' ? `Entri ${id} diterbitkan; bot langsung memakainya.` : `Entri ${id} ditarik.`);
    await knowledgeTab.load(ctx);
  } catch (err) {
    byId('kb-error').textContent = messageOf(err);
  }
}

/** @param {KnowledgeGap} g */
function gapItem(g) {
  return el(
    'li',
    { className: 'item kb-gap' },
    el(
      'div',
      { className: 'kb-item' },
      el('div', { className: 'item-top' }, el('span', { className: 'item-title', text: g.text }), el('span', { className: 'clock', text: `${g.count}× · terakhir ${fmtTime(g.lastAt)}` })),
      g.variants.length ? el('div', { className: 'item-sub', text: `Juga: ${g.variants.join(' · ')}` }) : null,
      el(
        'div',
        { className: 'chips' },
        ...Object.entries(g.kinds).map(([k, n]) => el('span', { className: 'chip', text: `${KINDS[k] ?? k} ${n}` })),
        writes() ? el('button', { type: 'button', className: 'btn btn-small', onclick: () => draftFrom(g) }, 'Susun FAQ') : null,
      ),
    ),
  );
}

/** @param {TabContext} ctx @param {KnowledgeEntry} e */
function entryItem(ctx, e) {
  const changed = e.live !== null && (e.live.answer !== e.answer || e.live.questions.join('\n') !== e.questions.join('\n') || e.live.service !== e.service);
  const canPublish = publishes() && (e.state !== 'published' || changed);
  return el(
    'li',
    { className: 'item kb-entry', 'data-id': e.id },
    el(
      'div',
      { className: 'kb-item' },
      el('div', { className: 'item-top' }, el('span', { className: 'item-title', text: e.questions[0] ?? e.id }), el('span', { className: `pill${e.state === 'published' ? ' pill-ok' : ''}`, text: `${STATES[e.state]}${e.live ? ` v${e.live.version}` : ''}${changed ? ' (ada perubahan)' : ''}` })),
      el('div', { className: 'item-sub', text: `${e.id} · ${e.service ? (meta().services.find((s) => s.id === e.service)?.name ?? e.service) : 'tanpa layanan'} · ${e.questions.length} pertanyaan · diubah ${fmtTime(e.updatedAt)}` }),
      el('div', { className: 'item-last', text: e.answer }),
      el(
        'div',
        { className: 'chips' },
        writes() ? el('button', { type: 'button', className: 'btn btn-small', onclick: () => edit(e) }, 'Ubah') : null,
        canPublish ? el('button', { type: 'button', className: 'btn btn-small btn-primary', onclick: () => void act(ctx, e.id, 'publish') }, e.state === 'published' ? 'Terbitkan perubahan' : 'Terbitkan') : null,
        publishes() && e.state === 'published' ? el('button', { type: 'button', className: 'btn btn-small btn-danger-ghost', onclick: () => void act(ctx, e.id, 'withdraw') }, 'Tarik') : null,
      ),
    ),
  );
}

/** @type {Tab} */
export const knowledgeTab = {
  id: 'knowledge',
  label: 'Pengetahuan',
  title: 'Celah pengetahuan dan FAQ',
  layout: 'page',
  setup,
  reloadOn: () => false,
  async load(ctx) {
    byId('kb-error').textContent = '';
    try {
      const [gaps, entries] = await Promise.all([api('GET', '/api/v1/knowledge/gaps?limit=50'), api('GET', '/api/v1/knowledge/entries')]);
      if (!ctx.shown()) return;
      const gapList = byId('kb-gaps');
      clear(gapList);
      const g = /** @type {KnowledgeGap[]} */ (gaps.gaps);
      if (!g.length) gapList.appendChild(el('li', { className: 'empty', text: 'Belum ada pertanyaan yang tidak terjawab.' }));
      for (const gap of g) gapList.appendChild(gapItem(gap));
      const entryList = byId('kb-entries');
      clear(entryList);
      const list = /** @type {KnowledgeEntry[]} */ (entries.entries);
      if (!list.length) entryList.appendChild(el('li', { className: 'empty', text: 'Belum ada entri dari konsol.' }));
      for (const e of list) entryList.appendChild(entryItem(ctx, e));
    } catch (err) {
      byId('kb-error').textContent = messageOf(err);
    }
  },
};

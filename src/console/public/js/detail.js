// @ts-check
/**
 * The detail pane: which detail view is shown (a conversation, a ticket, ...) and what is open.
 * Detail modules register a `DetailView`; lists open them with `openDetail(kind, id)`.
 */
import { $ } from './dom.js';

/**
 * @typedef {object} DetailView
 * @property {string} kind              e.g. 'conv', 'ticket'
 * @property {string} element           id of the <article> in the detail pane
 * @property {(id: string) => Promise<void>} render  loads and shows `id`
 * @property {() => void} [closed]      called when another detail or none is shown
 */

/** @type {DetailView[]} */
const views = [];
/** @type {{ kind: string, id: string } | null} */
let open = null;

/** @param {DetailView} view */
export function registerDetail(view) {
  views.push(view);
}

/** What is open: `{kind, id}` or null. */
export const openDetailOf = () => open;
/** The id open in this kind of detail, or null. @param {string} kind */
export const openIdOf = (kind) => (open && open.kind === kind ? open.id : null);

/** @param {string | null} kind */
function show(kind) {
  $('detail-empty').hidden = kind !== null;
  for (const v of views) $(v.element).hidden = v.kind !== kind;
  $('panes').classList.toggle('show-detail', kind !== null);
}

/** Marks list items: the open one is `active`. */
function markActive() {
  document.querySelectorAll('#list .item').forEach((li) => {
    const node = /** @type {HTMLElement} */ (li);
    const key = node.dataset.id ?? node.dataset.number;
    node.classList.toggle('active', !!open && key === open.id);
  });
}

/** Opens an item in the detail pane. @param {string} kind @param {string} id */
export async function openDetail(kind, id) {
  const view = views.find((v) => v.kind === kind);
  if (!view) throw new Error(`detail '${kind}' tidak terdaftar`);
  const previous = open;
  if (previous && previous.kind !== kind) views.find((v) => v.kind === previous.kind)?.closed?.();
  open = { kind, id };
  markActive();
  await view.render(id);
  show(kind);
}

/** Re-renders what is open (after a live change). */
export async function refreshDetail() {
  if (!open) return;
  const view = views.find((v) => v.kind === open?.kind);
  if (view) await view.render(open.id);
}

export function closeDetail() {
  if (open) views.find((v) => v.kind === open?.kind)?.closed?.();
  open = null;
  show(null);
}

/** Back buttons (narrow screens): close and go back to the list. @param {() => void} afterClose */
export function wireBackButtons(afterClose) {
  document.querySelectorAll('[data-back]').forEach((b) =>
    b.addEventListener('click', () => {
      closeDetail();
      afterClose();
    }),
  );
}

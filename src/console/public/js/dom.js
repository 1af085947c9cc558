// @ts-check
/**
 * DOM helpers. User and bot text only ever goes through text nodes (`text` attribute or string
 * children), never innerHTML.
 */

/**
 * The element with this id (throws when the page lacks it: a programming error).
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @returns {T}
 */
export function $(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} tidak ada di halaman`);
  return /** @type {T} */ (node);
}

/** @param {string} id */
export const $input = (id) => /** @type {HTMLInputElement} */ ($(id));
/** @param {string} id */
export const $select = (id) => /** @type {HTMLSelectElement} */ ($(id));
/** @param {string} id */
export const $textarea = (id) => /** @type {HTMLTextAreaElement} */ ($(id));
/** @param {string} id */
export const $form = (id) => /** @type {HTMLFormElement} */ ($(id));
/** @param {string} id */
export const $button = (id) => /** @type {HTMLButtonElement} */ ($(id));

/** @typedef {string | Node | null | undefined | false} Child */

/**
 * Creates an element. Attributes: `text` sets textContent, `className` the class, `on<event>`
 * adds a listener, anything else is set as an attribute (skipped when null/undefined/false).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown> | null} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') node.textContent = String(v);
      else if (k === 'className') node.className = String(v);
      else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), /** @type {EventListener} */ (v));
      else node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(node, children);
  return node;
}

/**
 * @param {Node} node
 * @param {Child[]} children
 */
export function append(node, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** @param {Node} node */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/**
 * Options of a <select>, replacing the current ones.
 * @param {HTMLSelectElement} select
 * @param {[string, string][]} options value and label
 */
export function fillSelect(select, options) {
  clear(select);
  for (const [value, label] of options) select.appendChild(el('option', { value }, label));
}

/** Reads a message to screen-reader users (the polite live region). @param {string} text */
export function announce(text) {
  const a = $('announcer');
  a.textContent = '';
  setTimeout(() => {
    a.textContent = text;
  }, 30);
}

/** Moves the focus to a heading (made focusable) after a view changes. @param {HTMLElement} node */
export function focusHeading(node) {
  node.setAttribute('tabindex', '-1');
  node.focus();
}

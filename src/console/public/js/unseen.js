// @ts-check
/** The "new updates" counter: in the page title and the alert beside the tabs. */
import { $ } from './dom.js';

const BASE_TITLE = document.title;
let unseen = 0;

function show() {
  document.title = unseen > 0 ? `(${unseen}) ${BASE_TITLE}` : BASE_TITLE;
  const alert = $('new-alert');
  alert.hidden = unseen === 0;
  alert.textContent = `${unseen} pembaruan baru`;
}

export function bumpUnseen() {
  unseen++;
  show();
}

export function markSeen() {
  unseen = 0;
  show();
}

export function resetTitle() {
  unseen = 0;
  document.title = BASE_TITLE;
}

$('new-alert').addEventListener('click', markSeen);

// @ts-check
/**
 * Files users sent, as officers see them in a chat or a ticket: stored files are links to the
 * officers' download route (scope-checked, always downloaded, never shown as a page in our
 * origin); files that never arrived (a failed download) are named as such.
 */
import { el } from './dom.js';

/** @typedef {import('./types.js').Attachment} Attachment */

/** "1,5 MB", "320 KB". @param {number} bytes */
export function fmtSize(bytes) {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${mb.toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * The list of files, or null when there are none.
 * @param {Attachment[] | undefined} files
 */
export function attachmentList(files) {
  if (!files || files.length === 0) return null;
  const ul = el('ul', { className: 'attachments', 'aria-label': 'Lampiran' });
  for (const f of files) {
    const name = f.name || f.fileName || 'berkas';
    const size = typeof f.size === 'number' ? f.size : f.sizeBytes;
    const label = `📎 ${name}${typeof size === 'number' ? ` (${fmtSize(size)})` : ''}`;
    if (f.url) {
      ul.appendChild(el('li', null, el('a', { href: f.url, download: name, rel: 'noopener', text: label, title: 'Unduh lampiran' })));
    } else {
      ul.appendChild(el('li', { className: 'muted', text: `${label} — berkas tidak berhasil diterima` }));
    }
  }
  return ul;
}

/**
 * What a file really is, from its first bytes (never from the name or the type a client
 * declares), and which types each entry point takes. A file claiming to be a JPEG but holding
 * HTML or SVG is refused, so nothing we store can later be served as a page in our origin.
 */

/** Types users may send through the web chat (interfaces.md section 6). */
export const WEBCHAT_FILE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const WEBCHAT_MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Bytes needed to recognise every type below. */
export const SNIFF_BYTES = 12;

const ascii = (b: Buffer, at: number, text: string) => b.length >= at + text.length && b.toString('latin1', at, at + text.length) === text;

/** The MIME type the bytes start with (JPEG, PNG, WEBP, PDF, GIF), or null for anything else. */
export function sniffFileType(head: Buffer): string | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return 'image/webp';
  if (ascii(head, 0, '%PDF-')) return 'application/pdf';
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return 'image/gif';
  return null;
}

/** A file name safe to keep and to show: no path, no control characters, at most 120 characters. */
export function cleanFileName(name: string | undefined | null): string | undefined {
  if (!name) return undefined;
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"<>]/g, '').trim();
  return base ? base.slice(-120) : undefined;
}

/** A name for a file sent without one ("foto.jpg", "berkas.pdf"). */
export function defaultFileName(ref: { kind: string; storageKey?: string }): string {
  const ext = ref.storageKey?.split('.').pop() ?? 'bin';
  return `${ref.kind === 'image' ? 'foto' : 'berkas'}.${ext}`;
}

/** "1,5 MB", "320 KB" (Indonesian decimal comma). */
export function formatBytes(bytes: number): string {
  const fmt = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
  return bytes >= 1024 * 1024 ? `${fmt.format(bytes / (1024 * 1024))} MB` : `${fmt.format(Math.max(1, bytes / 1024))} KB`;
}

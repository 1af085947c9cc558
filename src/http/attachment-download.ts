/**
 * Serves a stored attachment to an officer, safely: always as a download (Content-Disposition:
 * attachment), with the stored type only when it is one we accept as an upload (images and PDF),
 * `nosniff`, and a sandboxing Content-Security-Policy, so no file can ever run as a page (HTML,
 * SVG) in our origin. Scope is checked by the caller (the file must belong to a conversation or
 * ticket the officer may read).
 */
import type { Response } from 'express';
import { defaultFileName } from '../attachments/file-types';
import type { MediaRef } from '../domain/messages';

/** Types served as themselves; anything else is application/octet-stream. Never HTML or SVG. */
const SERVED_AS_IS = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf']);

/** `name` as an ASCII fallback and an RFC 5987 UTF-8 filename*. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'berkas';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function sendStoredFile(res: Response, ref: MediaRef, bytes: Buffer): void {
  res.status(200);
  res.setHeader('Content-Type', SERVED_AS_IS.has(ref.mimeType) ? ref.mimeType : 'application/octet-stream');
  res.setHeader('Content-Length', String(bytes.length));
  res.setHeader('Content-Disposition', contentDisposition(ref.fileName ?? defaultFileName(ref)));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'private, no-store');
  res.end(bytes);
}

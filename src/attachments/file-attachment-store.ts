/**
 * Media users send, kept as files under DATA_DIR/attachments, named by the SHA-256 of their
 * bytes (the same photo sent twice is stored once). Written to a temp file, fsynced, then
 * renamed, so a crash never leaves a half file under a real name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AttachmentSink } from '../../channels/types';
import { UserInputError } from '../domain/errors';
import type { MediaRef } from '../domain/messages';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
  'video/mp4': 'mp4',
  'audio/ogg': 'ogg',
};

export function mediaKind(mimeType: string): MediaRef['kind'] {
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('video/')) return 'video';
  if (mimeType.startsWith('audio/')) return 'audio';
  if (mimeType.startsWith('application/') || mimeType.startsWith('text/')) return 'document';
  return 'other';
}

export class FileAttachmentStore implements AttachmentSink {
  private readonly dir: string;

  constructor(dataDir: string, private readonly maxBytes = MAX_ATTACHMENT_BYTES) {
    this.dir = join(dataDir, 'attachments');
  }

  async save(input: { bytes: Buffer; mimeType: string; fileName?: string }): Promise<MediaRef> {
    if (!input.bytes.length) throw new UserInputError('Berkas kosong.');
    if (input.bytes.length > this.maxBytes) throw new UserInputError(`Berkas terlalu besar (maksimal ${Math.round(this.maxBytes / 1024 / 1024)} MB).`);
    const mimeType = /^[\w.+-]+\/[\w.+-]+$/.test(input.mimeType) ? input.mimeType.toLowerCase() : 'application/octet-stream';
    const key = `${createHash('sha256').update(input.bytes).digest('hex')}.${EXTENSIONS[mimeType] ?? 'bin'}`;
    const path = join(this.dir, key);
    if (!existsSync(path)) {
      mkdirSync(this.dir, { recursive: true });
      const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
      const fd = openSync(temp, 'w');
      try {
        writeSync(fd, input.bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, path);
    }
    return {
      kind: mediaKind(mimeType),
      mimeType,
      sizeBytes: input.bytes.length,
      ...(input.fileName ? { fileName: input.fileName.slice(0, 200) } : {}),
      storageKey: key,
    };
  }

  /** The bytes of a stored attachment (for the officer console), or null. */
  read(storageKey: string): Buffer | null {
    if (!/^[a-f0-9]{64}\.[a-z0-9]+$/.test(storageKey)) return null;
    const path = join(this.dir, storageKey);
    return existsSync(path) ? readFileSync(path) : null;
  }
}

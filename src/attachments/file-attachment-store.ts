/**
 * Media users send, kept as files under DATA_DIR/attachments, named by the SHA-256 of their
 * bytes (the same photo sent twice is stored once). Written to a temp file, fsynced, then
 * renamed, so a crash never leaves a half file under a real name. Personal data: the folder is
 * 0700 and every file 0600; the privacy module removes files nobody refers to any more.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AttachmentSink } from '../../channels/types';
import { UserInputError } from '../domain/errors';
import type { MediaRef } from '../domain/messages';
import { cleanDisplayName } from '../engine/text-input';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../privacy/file-permissions';
import type { AttachmentFiles } from '../privacy/holders/deps';

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

const STORAGE_KEY = /^[a-f0-9]{64}\.[a-z0-9]+$/;

export class FileAttachmentStore implements AttachmentSink, AttachmentFiles {
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
      ensurePrivateDir(this.dir);
      const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
      const fd = openSync(temp, 'w', PRIVATE_FILE_MODE);
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
      ...(cleanDisplayName(input.fileName) ? { fileName: cleanDisplayName(input.fileName)!.slice(0, 200) } : {}),
      storageKey: key,
    };
  }

  /** The bytes of a stored attachment (for the officer console), or null. */
  read(storageKey: string): Buffer | null {
    if (!STORAGE_KEY.test(storageKey)) return null;
    const path = join(this.dir, storageKey);
    return existsSync(path) ? readFileSync(path) : null;
  }

  exists(storageKey: string): boolean {
    return STORAGE_KEY.test(storageKey) && existsSync(join(this.dir, storageKey));
  }

  remove(storageKey: string): boolean {
    if (!STORAGE_KEY.test(storageKey)) return false;
    try {
      unlinkSync(join(this.dir, storageKey));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  olderThan(before: number): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir).filter((name) => {
      if (!STORAGE_KEY.test(name)) return false;
      try {
        return statSync(join(this.dir, name)).mtimeMs < before;
      } catch {
        return false;
      }
    });
  }
}

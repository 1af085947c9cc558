/**
 * whatsapp-web.js RemoteAuth sessions in MongoDB GridFS (bucket `whatsapp_sessions`), so the
 * WhatsApp login survives a redeploy of the container. Only the newest upload of a session is kept.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import mongoose, { type Connection } from 'mongoose';
import type { RemoteSessionStore } from '../../../channels/whatsapp/client-factory';

const BUCKET = 'whatsapp_sessions';

export class GridFsWhatsAppSessionStore implements RemoteSessionStore {
  constructor(private readonly connection: () => Connection) {}

  private bucket(): mongoose.mongo.GridFSBucket {
    const db = this.connection().db;
    if (!db) throw new Error('MongoDB belum terhubung.');
    return new mongoose.mongo.GridFSBucket(db, { bucketName: BUCKET });
  }

  private async files(session: string) {
    return this.bucket().find({ filename: `${session}.zip` }).sort({ uploadDate: -1 }).toArray();
  }

  async sessionExists(session: string): Promise<boolean> {
    return (await this.files(session)).length > 0;
  }

  async save(session: string, zipPath: string): Promise<void> {
    const bucket = this.bucket();
    await pipeline(createReadStream(zipPath), bucket.openUploadStream(`${session}.zip`));
    const [, ...older] = await this.files(session);
    for (const file of older) await bucket.delete(file._id);
  }

  async extract(session: string, zipPath: string): Promise<void> {
    const [newest] = await this.files(session);
    if (!newest) throw new Error(`sesi WhatsApp ${session} tidak ada di MongoDB`);
    await pipeline(this.bucket().openDownloadStream(newest._id), createWriteStream(zipPath));
  }

  async delete(session: string): Promise<void> {
    const bucket = this.bucket();
    for (const file of await this.files(session)) await bucket.delete(file._id);
  }
}

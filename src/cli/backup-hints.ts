/** What backup and restore tell an operator whose data lives in MongoDB (also in the README). */
export const MONGO_DUMP_HINT =
  'Data percakapan, tiket dan petugas ada di MongoDB (MONGODB_URI): cadangkan dengan mongodump, misalnya\n' +
  '  mongodump --uri "$MONGODB_URI" --archive=helpdesk-mongo.archive --gzip\n' +
  'dan pulihkan dengan\n' +
  '  mongorestore --uri "$MONGODB_URI" --archive=helpdesk-mongo.archive --gzip --drop';

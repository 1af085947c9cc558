/**
 * The personal-data contract on MongoDB when MONGODB_URI is set (each world gets its own
 * database, dropped afterwards); skipped with a loud warning otherwise.
 */
import { randomBytes } from 'node:crypto';
import { MongoStore } from '../../src/store/mongo/mongo-store';
import { runPrivacyContract } from './privacy.contract';

const uri = process.env.MONGODB_URI?.trim();

if (uri) {
  runPrivacyContract(
    'mongo',
    async () => {
      const u = new URL(uri);
      u.pathname = `/helpdesk-privacy-${randomBytes(4).toString('hex')}`;
      const store = new MongoStore({ uri: u.toString(), serverSelectionTimeoutMS: 5000 });
      await store.open();
      return store;
    },
    async (store) => {
      await (store as MongoStore).dropDatabase();
      await store.close();
    },
  );
} else {
  describe('privacy contract: mongo', () => {
    it('is skipped: MONGODB_URI is not set', () => {
      console.warn(
        '\n!!! MONGODB_URI NOT SET: the privacy contract suite did NOT run against MongoDB. Run it with:\n' +
          '!!!   docker compose up -d mongo && MONGODB_URI=mongodb://127.0.0.1:27017/helpdesk-test npx jest test/contract/privacy-mongo.test.ts\n',
      );
    });
  });
}

/**
 * The operations store contract on MongoDB, when MONGODB_URI is set (a database of its own per
 * run, dropped afterwards). Without it the suite is skipped with a loud warning.
 */
import { randomBytes } from 'node:crypto';
import { MongoStore } from '../../src/store/mongo/mongo-store';
import { MongoOperationsStore } from '../../src/store/mongo/operations-store';
import { runOperationsStoreContract } from './operations-store.contract';

const uri = process.env.MONGODB_URI?.trim();

if (uri) {
  let main: MongoStore | null = null;
  runOperationsStoreContract(
    'mongo',
    async () => {
      const u = new URL(uri);
      u.pathname = `/helpdesk-ops-test-${randomBytes(4).toString('hex')}`;
      main = new MongoStore({ uri: u.toString(), serverSelectionTimeoutMS: 5000 });
      await main.open();
      const ops = new MongoOperationsStore(() => main!.mongoConnection);
      await ops.open();
      return ops;
    },
    async () => {
      await main?.dropDatabase();
      await main?.close();
    },
  );
} else {
  describe('OperationsStore contract: mongo', () => {
    it('is skipped: MONGODB_URI is not set', () => {
      console.warn(
        '\n!!! MONGODB_URI NOT SET: the operations store contract did NOT run against MongoDB. Run it with:\n' +
          '!!!   docker compose up -d mongo && MONGODB_URI=mongodb://127.0.0.1:27017/helpdesk-test npx jest test/contract/operations-store-mongo.test.ts\n',
      );
    });
  });
}

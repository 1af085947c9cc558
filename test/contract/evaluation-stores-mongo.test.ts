/**
 * The report and knowledge store contract on MongoDB, when MONGODB_URI is set (see
 * store-mongo.test.ts). Each run uses its own database, dropped afterwards; without MONGODB_URI
 * the contract is skipped with a loud warning.
 */
import { randomBytes } from 'node:crypto';
import { createEvaluationStores } from '../../src/store/create-evaluation-stores';
import { MongoStore } from '../../src/store/mongo/mongo-store';
import { runEvaluationStoresContract } from './evaluation-stores.contract';

const uri = process.env.MONGODB_URI?.trim();

if (uri) {
  runEvaluationStoresContract(
    'mongo',
    async () => {
      const u = new URL(uri);
      u.pathname = `/helpdesk-eval-test-${randomBytes(4).toString('hex')}`;
      const store = new MongoStore({ uri: u.toString(), serverSelectionTimeoutMS: 5000 });
      await store.open();
      return { store, ...createEvaluationStores(store) };
    },
    async ({ store }) => {
      await (store as MongoStore).dropDatabase();
      await store.close();
    },
  );
} else {
  describe('Evaluation stores contract: mongo', () => {
    it('is skipped: MONGODB_URI is not set', () => {
      console.warn('\n!!! MONGODB_URI is not set: the MongoDB report and knowledge store contract is SKIPPED (see README "Running against MongoDB").\n');
    });
  });
}

/** TicketStats on MongoDB (MONGODB_URI); skipped loudly without it (test/helpers/mongo.ts). */
import { createTicketStats } from '../../src/store/create-store';
import { MongoStore } from '../../src/store/mongo/mongo-store';
import { describeMongo, uniqueMongoUri } from '../helpers/mongo';
import { runTicketStatsContract } from './ticket-stats.contract';

describeMongo('TicketStats on MongoDB', () => {
  runTicketStatsContract(
    'mongo',
    async () => {
      const store = new MongoStore({ uri: uniqueMongoUri('stats'), serverSelectionTimeoutMS: 5000 });
      await store.open();
      return { store, stats: createTicketStats(store) };
    },
    async (store) => {
      await (store as MongoStore).dropDatabase();
      await store.close();
    },
  );
});

/** The PersonalDataStore adapter (src/privacy/port.ts) over the same open database as `store`. */
import type { PersonalDataStore } from '../privacy/port';
import { MongoStore } from './mongo/mongo-store';
import { MongoPersonalDataStore } from './mongo/privacy-store';
import type { Store } from './port';
import { SqlitePersonalDataStore } from './sqlite/privacy-store';
import { SqliteStore } from './sqlite/sqlite-store';

export function createPersonalDataStore(store: Store): PersonalDataStore {
  if (store instanceof SqliteStore) return new SqlitePersonalDataStore(() => store.database());
  if (store instanceof MongoStore) return new MongoPersonalDataStore(() => store.mongoConnection);
  throw new Error('createPersonalDataStore: unknown store adapter');
}

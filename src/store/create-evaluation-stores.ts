/**
 * The stores of the evaluation reports and of knowledge management, on the main store's open
 * database (one SQLite file or one MongoDB connection): no second connection to configure.
 */
import type { KnowledgeStore } from '../knowledge/port';
import type { ReportsStore } from '../reports/port';
import { MongoKnowledgeStore } from './mongo/knowledge-store';
import { MongoStore } from './mongo/mongo-store';
import { MongoReportsStore } from './mongo/reports-store';
import type { Store } from './port';
import { SqliteKnowledgeStore } from './sqlite/knowledge-store';
import { SqliteReportsStore } from './sqlite/reports-store';
import { SqliteStore } from './sqlite/sqlite-store';

export interface EvaluationStores {
  reports: ReportsStore;
  knowledge: KnowledgeStore;
}

export function createEvaluationStores(store: Store): EvaluationStores {
  if (store instanceof SqliteStore) return { reports: new SqliteReportsStore(() => store.database()), knowledge: new SqliteKnowledgeStore(() => store.database()) };
  if (store instanceof MongoStore) return { reports: new MongoReportsStore(() => store.mongoConnection), knowledge: new MongoKnowledgeStore(() => store.mongoConnection) };
  throw new Error('Penyimpanan laporan dan pengetahuan hanya tersedia untuk SQLite dan MongoDB.');
}

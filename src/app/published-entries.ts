/**
 * For `npm run -s analyze`: the FAQ entries published from the console, read once from the
 * configured store when it can be opened (MONGODB_URI, or an existing SQLite file under
 * DATA_DIR; nothing is created), so the CLI answers as the running service does. Without a
 * store, or when it cannot be opened, the CLI answers from faq/ alone and says so on stderr.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/env';
import type { PublishedFaq } from '../knowledge/published-faq';
import type { Logger } from '../runtime/logger';
import { createEvaluationStores } from '../store/create-evaluation-stores';
import { createStore, storeKind } from '../store/create-store';

export async function loadPublishedEntries(config: Pick<Config, 'DATA_DIR' | 'MONGODB_URI'>, published: PublishedFaq, logger: Logger): Promise<void> {
  if (storeKind(config) === 'sqlite' && !existsSync(join(config.DATA_DIR, 'helpdesk.sqlite'))) return;
  const store = createStore({ ...config, MONGODB_SERVER_SELECTION_TIMEOUT_MS: 3000 });
  try {
    await store.open();
    const { knowledge } = createEvaluationStores(store);
    const entries = await knowledge.publishedEntries();
    published.replace(await knowledge.publishedVersion(), entries);
  } catch (err) {
    logger.warn('published FAQ entries not loaded; answering from faq/ only', { error: String((err as Error)?.message ?? err) });
  } finally {
    await store.close().catch(() => undefined);
  }
}

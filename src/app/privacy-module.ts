/**
 * The personal-data module (UU No. 27/2022) as one piece that the service and the privacy CLIs
 * build the same way: the registry of holders of personal data (the core ones, and the holders
 * of other parts: register them HERE so export, erase and retention cover them everywhere),
 * the retention policy of flows/retensi.yaml, and the privacy service.
 */
import type { FileAttachmentStore } from '../attachments/file-attachment-store';
import type { Config } from '../config/env';
import { coreHolders } from '../privacy/holders';
import { incidentsHolder } from '../privacy/holders/incidents';
import { knowledgeGapsHolder } from '../privacy/holders/knowledge-gaps';
import { operationsStoreFor } from './operations-module';
import type { PersonalDataStore } from '../privacy/port';
import { createPrivacyService, type PrivacyService } from '../privacy/privacy-service';
import { PrivacyRegistry, type PersonalDataHolder } from '../privacy/registry';
import { loadRetentionPolicy, type RetentionPolicy } from '../privacy/retention-policy';
import type { Logger } from '../runtime/logger';
import { createPersonalDataStore } from '../store/create-privacy-store';
import type { Store } from '../store/port';

export interface PrivacyModuleDeps {
  config: Pick<Config, 'FLOWS_DIR'>;
  store: Store;
  attachments: FileAttachmentStore;
  now: () => number;
  logger?: Logger;
  /** Holders added by tests or by parts wired outside this module. */
  extraHolders?: PersonalDataHolder[];
}

export interface PrivacyModule {
  registry: PrivacyRegistry;
  policy: RetentionPolicy;
  service: PrivacyService;
  pds: PersonalDataStore;
}

export function createPrivacyModule(deps: PrivacyModuleDeps): PrivacyModule {
  const pds = createPersonalDataStore(deps.store);
  const registry = new PrivacyRegistry();
  for (const holder of coreHolders({ store: deps.store, pds, files: deps.attachments })) registry.register(holder);
  // Holders of other parts (one line each).
  registry.register(incidentsHolder(operationsStoreFor(deps.store)));
  registry.register(knowledgeGapsHolder(pds));
  for (const holder of deps.extraHolders ?? []) registry.register(holder);
  // Data files are checked before anything runs: every holder's period must be in the file.
  const policy = loadRetentionPolicy(deps.config.FLOWS_DIR, registry.retentionKeys());
  const service = createPrivacyService({ store: deps.store, pds, registry, policy, now: deps.now, ...(deps.logger ? { logger: deps.logger } : {}) });
  return { registry, policy, service, pds };
}

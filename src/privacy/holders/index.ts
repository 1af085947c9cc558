/** The core holders of personal data, in running order. */
import type { PersonalDataHolder } from '../registry';
import { attachmentsHolder } from './attachments';
import { auditHolder, telegramGroupsHolder } from './audit';
import { conversationsHolder } from './conversations';
import { deliveriesHolder } from './deliveries';
import type { CoreHolderDeps } from './deps';
import { ticketsHolder } from './tickets';
import { webchatSessionsHolder } from './webchat-sessions';

export type { AttachmentFiles, CoreHolderDeps } from './deps';

export function coreHolders(deps: CoreHolderDeps): PersonalDataHolder[] {
  return [
    conversationsHolder(deps),
    ticketsHolder(deps),
    deliveriesHolder(deps),
    webchatSessionsHolder(deps),
    auditHolder(deps),
    telegramGroupsHolder(deps),
    attachmentsHolder(deps),
  ];
}

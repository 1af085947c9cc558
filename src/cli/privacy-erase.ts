/**
 * npm run -s privacy:erase -- --contact <phone|email|telegram id>
 * (compiled: node dist/src/cli/privacy-erase.js --contact …)
 * Removes or anonymises everything stored about that person (UU No. 27/2022); tickets stay for
 * statistics without personal data. Says in Indonesian what it changed, one line per kind of
 * data. Running it again changes nothing more.
 */
import { describeErasure } from '../privacy/privacy-service';
import { runContactCommand } from './privacy-cli';

runContactCommand('Pemakaian: npm run -s privacy:erase -- --contact <nomor HP | email | id Telegram>', async (p, contact) =>
  describeErasure(await p.service.eraseSubject(contact)),
);

/**
 * npm run -s privacy:erase -- --contact <phone|email|telegram id>
 * (compiled: node dist/src/cli/privacy-erase.js --contact …)
 * Removes or anonymises everything stored about that person (UU No. 27/2022); tickets stay for
 * statistics without personal data. Says in Indonesian what it changed, one line per kind of
 * data. Running it again changes nothing more.
 */
import { UserInputError } from '../domain/errors';
import { describeErasure } from '../privacy/privacy-service';
import { contactArgument, runCli, withPrivacy } from './privacy-cli';

const USAGE = 'Pemakaian: npm run -s privacy:erase -- --contact <nomor HP | email | id Telegram>';

runCli(async () => {
  const contact = contactArgument(USAGE);
  if (contact === null) return 1;
  try {
    const report = await withPrivacy((p) => p.service.eraseSubject(contact));
    process.stdout.write(`${describeErasure(report)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UserInputError) {
      process.stderr.write(`${err.message}\n${USAGE}\n`);
      return 1;
    }
    throw err;
  }
});

/**
 * npm run -s privacy:export -- --contact <phone|email|telegram id>
 * (compiled: node dist/src/cli/privacy-export.js --contact …)
 * Prints, as JSON on stdout, everything stored about that person (UU No. 27/2022): their
 * conversations and transcripts, tickets, attachments, delivery records, web chat sessions,
 * audit events, and what every other registered holder keeps. A phone number matches in any
 * usual form (0812…, +62 812…, 62812…, spaces, dashes).
 */
import { UserInputError } from '../domain/errors';
import { contactArgument, runCli, withPrivacy } from './privacy-cli';

const USAGE = 'Pemakaian: npm run -s privacy:export -- --contact <nomor HP | email | id Telegram>';

runCli(async () => {
  const contact = contactArgument(USAGE);
  if (contact === null) return 1;
  try {
    const exported = await withPrivacy((p) => p.service.exportSubject(contact));
    process.stdout.write(`${JSON.stringify(exported, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UserInputError) {
      process.stderr.write(`${err.message}\n${USAGE}\n`);
      return 1;
    }
    throw err;
  }
});

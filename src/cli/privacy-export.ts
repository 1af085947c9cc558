/**
 * npm run -s privacy:export -- --contact <phone|email|telegram id>
 * (compiled: node dist/src/cli/privacy-export.js --contact …)
 * Prints, as JSON on stdout, everything stored about that person (UU No. 27/2022): their
 * conversations and transcripts, tickets, attachments, delivery records, web chat sessions,
 * audit events, and what every other registered holder keeps. A phone number matches in any
 * usual form (0812…, +62 812…, 62812…, spaces, dashes).
 */
import { runContactCommand } from './privacy-cli';

runContactCommand('Pemakaian: npm run -s privacy:export -- --contact <nomor HP | email | id Telegram>', async (p, contact) =>
  JSON.stringify(await p.service.exportSubject(contact), null, 2),
);

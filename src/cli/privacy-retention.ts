/**
 * npm run -s privacy:retention (compiled: node dist/src/cli/privacy-retention.js)
 * Runs the retention job of flows/retensi.yaml once, now, and says what it anonymised or deleted.
 * The service also runs it on its own schedule (jadwal.setiap_jam).
 */
import { runCli, withPrivacy } from './privacy-cli';

runCli(async () => {
  const reports = await withPrivacy((p) => p.service.applyRetention());
  const lines = ['Retensi data pribadi dijalankan (flows/retensi.yaml):'];
  for (const r of reports) lines.push(`- ${r.label}: ${r.count === 0 ? 'tidak ada yang melewati masa simpan' : r.summary}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
});

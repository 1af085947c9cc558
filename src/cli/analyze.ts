/**
 * npm run -s analyze: JSON Lines in ({"id", "channel", "text"}), one JSON object per input line
 * out, in input order: {"id", "type", "service", "agency", "reply", "confidence"}, or
 * {"id", "error"} for a line that cannot be analysed (the run goes on). Blank lines are skipped
 * (they produce no output line). Input is streamed line by line; stdout carries only JSON,
 * diagnostics go to stderr. Needs no Redis and no MongoDB.
 */
import './../nlu/natural';
import { createInterface } from 'node:readline';
import { createAnalyzer } from '../analyze/analyzer';
import { loadConfig } from '../config/env';
import { AppError } from '../domain/errors';
import { buildConversationModel } from '../app/conversation-model';
import { loadPublishedEntries } from '../app/published-entries';
import { createLogger } from '../runtime/logger';

/** Best-effort id of a line that is not valid JSON (so the error line can still be matched). */
function salvageId(line: string): unknown {
  const m = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/.exec(line);
  if (!m) return null;
  try {
    return JSON.parse(m[1]!);
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const started = performance.now();
  const { nlu, dialogue, calendar, published } = buildConversationModel(config);
  await loadPublishedEntries(config, published, createLogger('warn'));
  const analyzer = createAnalyzer({ nlu, dialogue, officeHours: (t) => calendar.officeHours(t) });
  process.stderr.write(
    `analyze: model ${nlu.buildInfo.source} in ${nlu.buildInfo.ms.toFixed(0)} ms, ready in ${(performance.now() - started).toFixed(0)} ms\n`,
  );

  let pending = '';
  const flush = async () => {
    if (!pending) return;
    const chunk = pending;
    pending = '';
    if (!process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
  };

  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let count = 0;
  for await (const line of rl) {
    if (line.trim() === '') continue;
    let id: unknown = null;
    let out: Record<string, unknown>;
    try {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        id = salvageId(line);
        throw new AppError('Baris bukan JSON yang valid.', 'invalid_input');
      }
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) id = (parsed as { id?: unknown }).id ?? null;
      const result = await analyzer.analyze(parsed);
      out = { id, ...result };
    } catch (err) {
      const message = err instanceof AppError ? err.message : 'Terjadi kesalahan saat menganalisis pesan.';
      if (!(err instanceof AppError)) process.stderr.write(`analyze: ${(err as Error)?.stack ?? String(err)}\n`);
      out = { id, error: message };
    }
    pending += `${JSON.stringify(out)}\n`;
    if (++count % 256 === 0) await flush();
  }
  await flush();
}

main().catch((err: unknown) => {
  process.stderr.write(`analyze: ${(err as Error)?.message ?? String(err)}\n`);
  process.exit(1);
});

/**
 * The frozen held-out set (DEVELOPERS.md, "Improving understanding"): written by someone who never
 * read the rules, measured once, never edited. This test only guards that it stays as written; it
 * never scores it (the score is measured by hand, once, and recorded in the README).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FROZEN_SHA256 = '20d5dc23eeb61145b1f701effcaaa1ee5cf1fcd0be6d9a8010c47f6f1f3e3f78';

it('is unchanged since it was measured', () => {
  const bytes = readFileSync(join(__dirname, 'heldout-frozen.jsonl'));
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(FROZEN_SHA256);
  expect(bytes.toString('utf8').split('\n').filter(Boolean)).toHaveLength(300);
});

/**
 * The frozen held-out set (DEVELOPERS.md, "Improving understanding"): written by someone who never
 * read the rules, the FAQ or the code, measured once, never edited. This test only guards that it
 * stays as written and out of the training data; it never scores it (the score is measured by
 * hand, once, and recorded in the README).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledge } from '../../../src/knowledge/load-knowledge';

/** Fifth held-out set, written on 2026-12-03 (the first four were retired into faq/contoh-berlabel). */
const FROZEN_SHA256 = '4a7d4bf0554595318067b8f16c329413b34bd03926b33d50ddf2fd3ceadb6e77';
const bytes = readFileSync(join(__dirname, 'heldout-frozen.jsonl'));

it('is unchanged since it was written', () => {
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(FROZEN_SHA256);
  expect(bytes.toString('utf8').split('\n').filter(Boolean)).toHaveLength(300);
});

it('is not in the training data (a training message that happens to equal one of its messages, such as a greeting, is taken out of the training files)', () => {
  const key = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
  const trained = new Set(loadKnowledge().labelled.map((m) => key(m.text)));
  const leaked = bytes.toString('utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text).filter((t) => trained.has(key(t)));
  expect(leaked).toEqual([]);
});

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

/** Third held-out set, written on 2026-12-03 (the first two were retired into faq/contoh-berlabel). */
const FROZEN_SHA256 = 'e4e254f6b6360070d9fa92fb9dbba0e603f6ae6ea6e04fd1e580fade536c97f6';
const bytes = readFileSync(join(__dirname, 'heldout-frozen.jsonl'));

it('is unchanged since it was written', () => {
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(FROZEN_SHA256);
  expect(bytes.toString('utf8').split('\n').filter(Boolean)).toHaveLength(300);
});

it('is not in the training data (beyond common short phrases anyone writes, such as a greeting)', () => {
  const key = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
  const trained = new Set(loadKnowledge().labelled.map((m) => key(m.text)));
  const leaked = bytes.toString('utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text).filter((t) => trained.has(key(t)));
  expect(leaked.filter((t) => t.split(/\s+/).length > 4)).toEqual([]);
});

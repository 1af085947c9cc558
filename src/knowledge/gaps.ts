/**
 * Knowledge gaps for the console: the store groups identical normalised questions; here similar
 * ones are merged (greedy, most frequent first: a question joins the first group whose leading
 * wording is similar enough), and groups a published entry already answers are marked covered.
 */
import type { GapRow } from './port';
import type { PublishedFaq } from './published-faq';
import { similarity, wordVector, type WordVector } from './text-similarity';

/** Least similarity for two questions to be the same gap. */
export const GAP_GROUP_MIN = 0.75;
const MAX_VARIANTS = 5;

export interface KnowledgeGap {
  /** The most frequent wording of the group. */
  text: string;
  count: number;
  lastAt: number;
  kinds: Record<string, number>;
  service: string | null;
  /** Other wordings in the group (up to five). */
  variants: string[];
  /** Normalised form of `text`: the key an entry drafted from this gap refers to. */
  normalized: string;
  /** Id of the published entry that answers it now, if any. */
  coveredBy: string | null;
}

export function groupGaps(rows: GapRow[], published: PublishedFaq | null, limit: number): KnowledgeGap[] {
  const groups: { gap: KnowledgeGap; vector: WordVector }[] = [];
  for (const row of [...rows].sort((a, b) => b.count - a.count || b.lastAt - a.lastAt)) {
    const vector = wordVector(row.normalized);
    const home = groups.find((g) => similarity(g.vector, vector) >= GAP_GROUP_MIN);
    if (home) {
      const g = home.gap;
      g.count += row.count;
      g.lastAt = Math.max(g.lastAt, row.lastAt);
      for (const [k, n] of Object.entries(row.kinds)) g.kinds[k] = (g.kinds[k] ?? 0) + (n ?? 0);
      g.service ??= row.service;
      if (g.variants.length < MAX_VARIANTS && row.text !== g.text && !g.variants.includes(row.text)) g.variants.push(row.text);
      continue;
    }
    groups.push({
      vector,
      gap: {
        text: row.text,
        count: row.count,
        lastAt: row.lastAt,
        kinds: { ...(row.kinds as Record<string, number>) },
        service: row.service,
        variants: [],
        normalized: row.normalized,
        coveredBy: published?.match(row.normalized)?.entry.id ?? null,
      },
    });
  }
  return groups
    .map((g) => g.gap)
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt)
    .slice(0, limit);
}

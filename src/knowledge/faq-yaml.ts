/**
 * Published console entries as a faq/entries/*.yaml file, so the reviewed files stay the source
 * other kabupaten copy: the same keys the loader validates (id, layanan, pertanyaan, jawaban,
 * sumber). Entries with fewer question variants than the files require are listed in a comment
 * instead, to be completed before they are merged.
 */
import { stringify } from 'yaml';
import { faqFileSchema } from './schema';
import type { KnowledgeEntry } from './port';

export const MIN_FILE_QUESTIONS = 3;

export function publishedEntriesYaml(entries: KnowledgeEntry[], context: { generatedAt: string; officerName: (id: string) => string }): string {
  const live = entries.filter((e) => e.state === 'published' && e.live).sort((a, b) => a.id.localeCompare(b.id));
  const ready = live.filter((e) => e.live!.questions.length >= MIN_FILE_QUESTIONS);
  const incomplete = live.filter((e) => e.live!.questions.length < MIN_FILE_QUESTIONS);
  const header = [
    '# FAQ yang diterbitkan lewat konsol Helpdesk SPBE (ekspor untuk ditinjau dan digabung ke faq/entries/).',
    `# Diekspor: ${context.generatedAt}. Setelah digabung, entri yang sama dapat ditarik dari konsol.`,
    ...(incomplete.length
      ? [
          `# Belum diekspor (kurang dari ${MIN_FILE_QUESTIONS} variasi pertanyaan; lengkapi di konsol lalu terbitkan ulang):`,
          ...incomplete.map((e) => `#   - ${e.id}: ${e.live!.questions[0] ?? ''}`),
        ]
      : []),
  ];
  if (!ready.length) return `${header.join('\n')}\nentries: []\n`;
  const doc = {
    entries: ready.map((e) => {
      const v = e.live!;
      return {
        id: e.id,
        layanan: v.service,
        pertanyaan: v.questions,
        jawaban: v.answer,
        sumber: `Konsol Helpdesk SPBE, entri ${e.id} versi ${v.version}, diterbitkan ${new Date(v.publishedAt).toISOString().slice(0, 10)} oleh ${context.officerName(v.publishedBy)}`,
      };
    }),
  };
  // The export is only useful if the loader accepts it.
  faqFileSchema.parse(doc);
  return `${header.join('\n')}\n${stringify(doc, { lineWidth: 0 })}`;
}

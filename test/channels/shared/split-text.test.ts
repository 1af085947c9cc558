import { splitText } from '../../../channels/shared/split-text';

/** Tags open at the end of a chunk, in order (a tiny balance checker for the assertions). */
function openTags(html: string): string[] {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (m[1]) {
      expect(stack[stack.length - 1]).toBe(m[2]);
      stack.pop();
    } else stack.push(m[2]!);
  }
  return stack;
}

describe('splitText', () => {
  it('returns short text unchanged and empty text as no chunks', () => {
    expect(splitText('halo', 10)).toEqual(['halo']);
    expect(splitText('', 10)).toEqual([]);
  });

  it('prefers paragraph, then line, then word boundaries', () => {
    expect(splitText('aaa bbb\n\nccc ddd', 12)).toEqual(['aaa bbb', 'ccc ddd']);
    expect(splitText('aaa bbb\nccc ddd eee', 12)).toEqual(['aaa bbb', 'ccc ddd eee']);
    expect(splitText('aaa bbb ccc ddd', 9)).toEqual(['aaa bbb', 'ccc ddd']);
  });

  it('never cuts a word unless the word alone exceeds the limit', () => {
    const chunks = splitText('satu duaduadua tiga', 10);
    expect(chunks).toEqual(['satu', 'duaduadua', 'tiga']);
    expect(splitText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('keeps every chunk within the limit and loses no words', () => {
    const words = Array.from({ length: 500 }, (_, i) => `kata${i}`);
    const text = words.join(' ');
    const chunks = splitText(text, 100);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(100);
    expect(chunks.join(' ').split(' ')).toEqual(words);
  });

  it('does not split a surrogate pair', () => {
    const chunks = splitText('😀😀😀', 3);
    expect(chunks).toEqual(['😀', '😀', '😀']);
  });

  it('html: never cuts inside a tag or an entity, and balances tags per chunk', () => {
    const html = `<b>${'tebal '.repeat(30)}</b>&amp; <a href="https://simpeg.cirebonkab.go.id/">tautan panjang sekali</a>`;
    const chunks = splitText(html, 80, { html: true });
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(80);
      expect(openTags(c)).toEqual([]);
      expect(c).not.toMatch(/&[a-z]*$/);
      expect(c).not.toMatch(/<[^>]*$/);
    }
    expect(chunks[1]!.startsWith('<b>')).toBe(true);
    // Removing the reopen/close pairs gives back the original text's words.
    const words = (s: string) => s.replace(/<[^>]*>/g, ' ').split(/\s+/).filter(Boolean);
    expect(chunks.flatMap(words)).toEqual(words(html));
  });

  it('html: reopens an <a> with its href', () => {
    const html = `<a href="https://x.go.id/">${'kata '.repeat(20)}</a>`;
    const chunks = splitText(html, 60, { html: true });
    for (const c of chunks) {
      expect(c.startsWith('<a href="https://x.go.id/">')).toBe(true);
      expect(c.endsWith('</a>')).toBe(true);
    }
  });

  it('rejects a non-positive limit', () => {
    expect(() => splitText('x', 0)).toThrow(RangeError);
  });
});

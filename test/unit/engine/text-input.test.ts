import { cleanDisplayName, cleanUserText } from '../../../src/engine/text-input';

describe('cleanUserText: invisible formatting never reaches the store', () => {
  it.each([
    ['a right-to-left override hiding a file type', 'berkas\u202Efdp.exe', 'berkasfdp.exe'],
    ['every embedding and override U+202A-U+202E', 'a\u202Ab\u202Bc\u202Cd\u202De\u202Ef', 'abcdef'],
    ['every isolate U+2066-U+2069', 'a\u2066b\u2067c\u2068d\u2069e', 'abcde'],
    ['direction marks and the Arabic letter mark', 'a\u200Eb\u200Fc\u061Cd', 'abcd'],
    ['zero-width space, non-joiner, word joiner, BOM', '\uFEFFsi\u200Bm\u200Cp\u2060eg', 'simpeg'],
    ['a stray zero-width joiner', 'lap\u200Dor', 'lapor'],
    ['control characters and the replacement character', 'ha\u0000lo\u0007\uFFFD', 'halo'],
  ])('%s', (_name, input, expected) => {
    expect(cleanUserText(input)).toBe(expected);
  });

  it('keeps normal text, newlines, emoji and joined emoji sequences', () => {
    const text = 'Halo 🙏\nSIMPEG error 502 — kenapa?\tterima kasih 👨\u200D👩\u200D👧 🏳️\u200D🌈 é ñ 日本';
    expect(cleanUserText(text)).toBe(text);
  });

  it('gives an empty text for non-strings and invisible-only input', () => {
    expect(cleanUserText(42)).toBe('');
    expect(cleanUserText('\u202E\u200B\u2066 ')).toBe('');
  });

  it('cleans display names to one line of at most 100 characters', () => {
    expect(cleanDisplayName('Budi\u202E \n Santoso')).toBe('Budi Santoso');
    expect(cleanDisplayName('x'.repeat(300))).toHaveLength(100);
    expect(cleanDisplayName('\u200B')).toBeUndefined();
    expect(cleanDisplayName(undefined)).toBeUndefined();
  });
});

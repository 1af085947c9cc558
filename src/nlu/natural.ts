/**
 * The only import point of the `natural` library. `require('natural')` runs dotenv and prints
 * notices to stdout, which would corrupt `npm run -s analyze`; we therefore set
 * DOTENV_CONFIG_QUIET first and load only the deep module we use (the Indonesian Sastrawi
 * stemmer), which prints nothing.
 */
process.env.DOTENV_CONFIG_QUIET = process.env.DOTENV_CONFIG_QUIET ?? 'true';

interface StemmerIdModule {
  stem(word: string): string;
  /** Sastrawi's list of Indonesian root words (about 30,000). */
  dictionary: string[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const stemmerId = require('natural/lib/natural/stemmers/indonesian/stemmer_id') as StemmerIdModule;

const stemCache = new Map<string, string>();

/** Indonesian stem of one lowercase word (cached; Sastrawi costs ~0.1 ms per call). */
export function stemId(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    // Words with digits or hyphens are names (sp4n-lapor, e-kinerja) or numbers: keep them whole.
    s = /[0-9-]/.test(word) || word.length <= 3 ? word : stemmerId.stem(word) || word;
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

let rootWords: Set<string> | null = null;
/** Sastrawi's Indonesian root-word dictionary, as a Set. */
export function indonesianRootWords(): Set<string> {
  rootWords ??= new Set(stemmerId.dictionary);
  return rootWords;
}

/**
 * Text normalisation for informal Indonesian chat: lowercase, URLs reduced to their telling
 * host/path words, emoji and punctuation removed (ticket numbers, hyphenated app names and
 * digits kept), elongated letters collapsed, abbreviations and regional words mapped through the
 * lexicon, and typos corrected against the domain vocabulary with Damerau-Levenshtein distance.
 */
import { TICKET_NUMBER_IN_TEXT } from '../domain/ids';
import { allowedTypoDistance, damerauLevenshtein } from './edit-distance';
import type { Lexicon } from './lexicon';
import { indonesianRootWords, stemId } from './natural';

export interface Normalized {
  /** Normalised tokens joined by single spaces. */
  text: string;
  tokens: string[];
  /** Ticket number found in the text, as HD-YYMMDD-NNNN. */
  ticketNumber: string | null;
}

export interface NormalizerVocabulary {
  /**
   * Domain words typos are corrected towards (app names, aliases, keywords, menus, agencies),
   * optionally with a group: candidates of the same group (an app and its alias) never tie.
   */
  domainWords: Iterable<string | [string, string]>;
  /** Other words known to be correct (training vocabulary): never "corrected". */
  knownWords?: Iterable<string>;
  /** Parts of site addresses that never tell which app is meant (www, go, id, the kabupaten's domain). */
  siteAddressWords?: Iterable<string>;
  /**
   * Everyday words that are also the telling part of an address (lapor.go.id): an address made of
   * one of them keeps its host words ("lapor go id"), so it still names the app unlike "lapor".
   */
  genericAddressWords?: Iterable<string>;
}

// Control characters except tab/newline, zero-width and bidi marks.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Presentation}|[\u{1f3fb}-\u{1f3ff}]|\ufe0f|\u20e3|\u200d/gu;
const URL = /\b(?:https?:\/\/)?(?:[a-z0-9-]+\.)+(?:go\.id|co\.id|ac\.id|or\.id|com|id|org|net|info|io)(?::\d+)?(?:\/[\w\-./?=&%~+]*)?/gi;
const URL_SCHEME = /\bhttps?:\/\/[\w\-./?=&%~+:#]+/gi;
const TICKET_GLOBAL = new RegExp(TICKET_NUMBER_IN_TEXT.source, 'gi');

export class Normalizer {
  private readonly variants: Map<string, string>;
  private readonly maxPhrase: number;
  private readonly doubles: Set<string>;
  private readonly domain: Set<string>;
  private readonly groups = new Map<string, string>();
  private readonly domainByLength: Map<number, string[]>;
  private readonly known: Set<string>;
  private readonly roots: Set<string>;
  private readonly wordCache = new Map<string, string>();
  private readonly urlNoise: ReadonlySet<string>;
  private readonly genericAddress: ReadonlySet<string>;

  constructor(lexicon: Lexicon, vocabulary: NormalizerVocabulary) {
    this.variants = lexicon.variants;
    this.maxPhrase = Math.max(1, ...[...lexicon.variants.keys()].map((k) => k.split(' ').length));
    this.doubles = lexicon.doubleLetterWords;
    this.roots = indonesianRootWords();
    this.urlNoise = new Set(vocabulary.siteAddressWords ?? []);
    this.genericAddress = new Set(vocabulary.genericAddressWords ?? []);
    this.domain = new Set<string>();
    for (const item of [...vocabulary.domainWords, ...lexicon.vocabulary]) {
      const [w, group] = typeof item === 'string' ? [item, item] : item;
      const word = w.toLowerCase().trim();
      if (word.length >= 3 && /^[a-z0-9-]+$/.test(word)) {
        this.domain.add(word);
        if (!this.groups.has(word)) this.groups.set(word, group);
      }
    }
    this.domainByLength = new Map();
    for (const w of this.domain) {
      const list = this.domainByLength.get(w.length) ?? [];
      list.push(w);
      this.domainByLength.set(w.length, list);
    }
    this.known = new Set<string>([...this.domain, ...this.doubles, ...(vocabulary.knownWords ?? [])]);
    for (const [variant, standard] of lexicon.variants) {
      for (const w of variant.split(' ')) this.known.add(w);
      for (const w of standard.split(' ')) this.known.add(w);
    }
  }

  normalize(input: string): Normalized {
    let text = input.normalize('NFKC').replace(CONTROL, ' ');
    let ticketNumber: string | null = null;
    text = text.replace(TICKET_GLOBAL, (_m, date: string, seq: string) => {
      const number = `HD-${date}-${seq}`;
      ticketNumber ??= number;
      return ` ${number.toLowerCase()} `;
    });
    text = text.toLowerCase().replace(EMOJI, ' ').replace(URL_SCHEME, this.urlWords).replace(URL, this.urlWords);
    // An English possessive goes (the regency's -> the regency); other apostrophes join
    // (assalamu'alaikum); everything else that is not a letter, digit or hyphen splits.
    text = text.replace(/(\p{L})['’]s(?!\p{L})/gu, '$1').replace(/['’`]/g, '').replace(/[^\p{L}\p{N}-]+/gu, ' ');

    const raw: string[] = [];
    for (const piece of text.split(' ')) {
      if (!piece) continue;
      for (const t of this.splitHyphenated(piece)) raw.push(t);
    }
    const words = raw.map((t) => this.fixWord(t));
    const tokens = this.mapPhrases(words);
    return { text: tokens.join(' '), tokens, ticketNumber };
  }

  /** Turns a URL into the words that tell what it points at (sikaton.cirebonkab.go.id -> "sikaton"). */
  private readonly urlWords = (url: string): string => {
    const parts = url
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .split(/[./?=&#:_]+/);
    const words = parts.filter((w) => w && !this.urlNoise.has(w) && !/^\d+$/.test(w));
    // "lapor.go.id" keeps its host words ("lapor go id") so it still names the app, unlike "lapor".
    if (words.length === 1 && this.genericAddress.has(words[0]!)) {
      return ` ${parts.filter((w) => w && w !== 'www' && !/^\d+$/.test(w)).join(' ')} `;
    }
    return ` ${words.join(' ')} `;
  };

  /** Keeps hyphenated names the domain knows (e-kinerja, sip-bmd) and ticket numbers; splits the rest. */
  private splitHyphenated(piece: string): string[] {
    // Chat reduplication "beda2", "ditanya2" reads as "beda-beda": one word, as below.
    const trimmed = piece.replace(/^-+|-+$/g, '').replace(/^(\p{L}{3,})2$/u, '$1');
    if (!trimmed) return [];
    if (!trimmed.includes('-')) return [trimmed];
    if (/^hd-\d{6}-\d{4,}$/.test(trimmed) || this.domain.has(trimmed)) return [trimmed];
    const parts = trimmed.split('-').filter(Boolean);
    // Reduplication: "diproses-proses", "lama-lama" -> one word.
    if (parts.length === 2 && (parts[0] === parts[1] || parts[0]!.endsWith(parts[1]!))) return [parts[0]!];
    const joined = parts.join('');
    if (this.domain.has(joined)) return [joined];
    return parts;
  }

  private isKnown(word: string): boolean {
    if (this.known.has(word) || this.roots.has(word) || this.variants.has(word)) return true;
    if (/\d/.test(word)) return true;
    const stem = stemId(word);
    return stem !== word && this.roots.has(stem);
  }

  /** Elongation and typo correction for one token (cached). */
  private fixWord(token: string): string {
    const cached = this.wordCache.get(token);
    if (cached !== undefined) return cached;
    let word = token;
    // "simpegnya", "sipepeknya": an app (or agency) name with the -nya suffix is that name.
    if (word.length > 6 && word.endsWith('nya') && !this.isKnownExact(word) && /^(app|agency):/.test(this.groups.get(word.slice(0, -3)) ?? '')) {
      word = word.slice(0, -3);
    }
    if (!this.isKnown(word)) word = this.colloquialRoot(word) ?? word;
    if (!this.isKnown(word)) {
      word = this.collapseElongation(word);
      if (!this.isKnown(word)) word = this.correctTypo(word) ?? word;
    }
    if (this.wordCache.size > 100_000) this.wordCache.clear();
    this.wordCache.set(token, word);
    return word;
  }

  /**
   * The root of a colloquial verb form the stemmer does not know: nasal prefixes of chat Indonesian,
   * Sundanese and Javanese (nge-cek, ng-isi, ng-irim < kirim, ny-ari < cari, ny-impen < simpen),
   * di-, the -in suffix (dibukain, ngurusin, diisiin) and the Sundanese -na (webna: web).
   * Candidates the training vocabulary or the lexicon knows win over plain dictionary roots
   * (ngasih: kasih, not asih); null when no candidate is a known word.
   */
  private colloquialRoot(word: string): string | null {
    if (word.length < 5 || !/^[a-z]+$/.test(word)) return null;
    const bases = [word];
    if (word.endsWith('in') && word.length >= 6) bases.unshift(word.slice(0, -2));
    // Sundanese and Cirebonese -na is -nya (webna, alamatna, akunna).
    if (word.endsWith('na') && word.length >= 5) bases.unshift(word.slice(0, -2));
    const candidates: string[] = [];
    for (const base of bases) {
      const vowelAfter = (n: number) => /^[aiueo]$/.test(base[n] ?? '');
      // ngelola, ngeluarin: k- roots (kelola, keluar) before nge- + root (ngecek, ngedaftar).
      if (base.startsWith('ng') && vowelAfter(2)) candidates.push(`k${base.slice(2)}`, base.slice(2));
      if (base.startsWith('nge')) candidates.push(base.slice(3));
      if (base.startsWith('ny') && vowelAfter(2)) candidates.push(`c${base.slice(2)}`, `s${base.slice(2)}`);
      if (base.startsWith('di')) candidates.push(base.slice(2));
      if (base !== word) candidates.push(base);
    }
    const usable = candidates.filter((c) => c.length >= 3);
    return (
      usable.find((c) => this.known.has(c) || this.variants.has(c)) ??
      usable.find((c) => this.roots.has(c)) ??
      null
    );
  }

  /** Known without stemming (the stemmer strips -i/-an, so "pagii" would pass as "pagi"). */
  private isKnownExact(word: string): boolean {
    return this.known.has(word) || this.roots.has(word) || this.variants.has(word);
  }

  private collapseElongation(word: string): string {
    if (this.doubles.has(word)) return word;
    if (/(\p{L})\1{2,}/u.test(word)) {
      const toSingle = word.replace(/(\p{L})\1{2,}/gu, '$1');
      const toDouble = word.replace(/(\p{L})\1{2,}/gu, '$1$1');
      for (const check of [(w: string) => this.isKnownExact(w), (w: string) => this.isKnown(w)]) {
        if (check(toSingle)) return toSingle;
        if (check(toDouble)) return toDouble;
      }
      word = toSingle;
    }
    if (/(\p{L})\1/u.test(word) && !this.doubles.has(word)) {
      const single = word.replace(/(\p{L})\1/gu, '$1');
      if (this.isKnownExact(single) || this.isKnown(single)) return single;
      // Only a trailing elongation ("pagii", "makasihh"): drop it.
      const trailing = word.replace(/(\p{L})\1+$/u, '$1');
      if (trailing !== word && this.isKnown(trailing)) return trailing;
    }
    return word;
  }

  /** Closest domain word within the allowed distance; null when none or when two tie. */
  private correctTypo(word: string): string | null {
    const max = allowedTypoDistance(word.length);
    if (max === 0 || !/^[\p{L}0-9-]+$/u.test(word)) return null;
    let best: string | null = null;
    let bestD = max + 1;
    let tie = false;
    for (let len = word.length - max; len <= word.length + max; len++) {
      const list = this.domainByLength.get(len);
      if (!list) continue;
      for (const cand of list) {
        if (allowedTypoDistance(cand.length) === 0) continue;
        const limit = Math.min(max, allowedTypoDistance(cand.length));
        const d = damerauLevenshtein(word, cand, limit);
        if (d > limit) continue;
        if (d < bestD) {
          best = cand;
          bestD = d;
          tie = false;
        } else if (d === bestD && cand !== best) {
          if (this.groups.get(cand) !== this.groups.get(best!)) tie = true;
          // Same thing spelled two ways (simpeg / simpg): prefer the same-length spelling.
          else if (cand.length === word.length && best!.length !== word.length) best = cand;
        }
      }
    }
    return tie ? null : best;
  }

  /** Greedy longest-match of lexicon variants (up to the longest variant's word count). */
  private mapPhrases(words: string[]): string[] {
    const out: string[] = [];
    let i = 0;
    while (i < words.length) {
      let matched = false;
      for (let n = Math.min(this.maxPhrase, words.length - i); n >= 1; n--) {
        const key = n === 1 ? words[i]! : words.slice(i, i + n).join(' ');
        if (n === 1 && this.domain.has(key)) break;
        const standard = this.variants.get(key);
        if (standard !== undefined) {
          for (const w of standard.split(' ')) out.push(w);
          i += n;
          matched = true;
          break;
        }
      }
      if (!matched) {
        out.push(words[i]!);
        i++;
      }
    }
    return out;
  }
}

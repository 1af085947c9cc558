/**
 * Splits a message into chunks of at most `limit` UTF-16 code units (what Telegram and WhatsApp
 * count), preferring paragraph, then line, then word boundaries. A word is cut only when it alone
 * exceeds the limit, and never inside a surrogate pair. With `{ html: true }` tags and entities are
 * indivisible and every chunk is balanced: tags still open at a cut are closed at the end of the
 * chunk and reopened at the start of the next (the closers and reopeners count toward the limit).
 * The whitespace at a cut is dropped; chunks never start or end with the separator.
 */
export interface SplitTextOptions {
  html?: boolean;
}

type Atom =
  | { kind: 'text'; raw: string }
  | { kind: 'open'; raw: string; name: string }
  | { kind: 'close'; raw: string; name: string }
  | { kind: 'void'; raw: string };

const TAG = /^<\/?([a-zA-Z][\w-]*)[^>]*>/;
const ENTITY = /^&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]\w*);/;

function tokenize(text: string, html: boolean): Atom[] {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = html ? text.slice(i, i + 2048) : '';
    if (html && text[i] === '<') {
      const m = TAG.exec(rest);
      if (m) {
        const raw = m[0];
        const name = (m[1] ?? '').toLowerCase();
        if (raw.startsWith('</')) atoms.push({ kind: 'close', raw, name });
        else if (raw.endsWith('/>')) atoms.push({ kind: 'void', raw });
        else atoms.push({ kind: 'open', raw, name });
        i += raw.length;
        continue;
      }
    }
    if (html && text[i] === '&') {
      const m = ENTITY.exec(rest.slice(0, 16));
      if (m) {
        atoms.push({ kind: 'text', raw: m[0] });
        i += m[0].length;
        continue;
      }
    }
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    atoms.push({ kind: 'text', raw: ch });
    i += ch.length;
  }
  return atoms;
}

const isSpace = (a: Atom | undefined): boolean => a?.kind === 'text' && /^\s$/.test(a.raw);
const isNewline = (a: Atom | undefined): boolean => a?.kind === 'text' && a.raw === '\n';

/** 3 = paragraph break, 2 = line break, 1 = word break, 0 = not a boundary. */
function boundaryRank(atoms: Atom[], j: number): number {
  const a = atoms[j];
  if (!isSpace(a)) return 0;
  if (isNewline(a)) return isNewline(atoms[j + 1]) ? 3 : 2;
  return 1;
}

interface OpenTag {
  name: string;
  raw: string;
}

const closer = (t: OpenTag): string => `</${t.name}>`;

export function splitText(text: string, limit: number, options: SplitTextOptions = {}): string[] {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('splitText: limit must be a positive integer');
  if (text.length <= limit) return text.length === 0 ? [] : [text];
  const atoms = tokenize(text, options.html === true);
  const chunks: string[] = [];
  let stack: OpenTag[] = [];
  let pos = 0;
  while (pos < atoms.length && isSpace(atoms[pos])) pos++;

  while (pos < atoms.length) {
    const prefix = stack.map((t) => t.raw).join('');
    const local = [...stack];
    let len = prefix.length;
    let closers = local.reduce((n, t) => n + closer(t).length, 0);
    const best: (number | undefined)[] = [undefined, undefined, undefined, undefined];
    const stacks = new Map<number, OpenTag[]>();
    let j = pos;
    let fitEnd = pos;
    for (; j < atoms.length; j++) {
      if (len + closers > limit) break;
      fitEnd = j;
      const rank = j > pos ? boundaryRank(atoms, j) : 0;
      if (rank > 0) {
        best[rank] = j;
        stacks.set(j, [...local]);
      }
      const a = atoms[j]!;
      len += a.raw.length;
      if (a.kind === 'open') {
        local.push({ name: a.name, raw: a.raw });
        closers += closer(local[local.length - 1]!).length;
      } else if (a.kind === 'close') {
        const k = local.map((t) => t.name).lastIndexOf(a.name);
        if (k >= 0) {
          closers -= local.slice(k).reduce((n, t) => n + closer(t).length, 0);
          local.splice(k);
        }
      }
    }
    let end: number;
    let endStack: OpenTag[];
    if (j === atoms.length && len + closers <= limit) {
      end = atoms.length;
      endStack = local;
    } else {
      const boundary = best[3] ?? best[2] ?? best[1];
      if (boundary !== undefined) {
        end = boundary;
        endStack = stacks.get(boundary)!;
      } else {
        // No boundary fits: cut the word (at least one atom, so we always progress).
        end = Math.max(fitEnd, pos + 1);
        endStack = stackAfter(stack, atoms, pos, end);
      }
    }
    let body = atoms.slice(pos, end).map((a) => a.raw).join('');
    if (end < atoms.length) body = body.replace(/\s+$/, '');
    const chunk = prefix + body + [...endStack].reverse().map(closer).join('');
    if (/[^\s]/.test(stripTags(chunk))) chunks.push(chunk);
    stack = endStack;
    pos = end;
    while (pos < atoms.length && isSpace(atoms[pos])) pos++;
  }
  return chunks;
}

function stackAfter(start: OpenTag[], atoms: Atom[], from: number, to: number): OpenTag[] {
  const s = [...start];
  for (let i = from; i < to; i++) {
    const a = atoms[i]!;
    if (a.kind === 'open') s.push({ name: a.name, raw: a.raw });
    else if (a.kind === 'close') {
      const k = s.map((t) => t.name).lastIndexOf(a.name);
      if (k >= 0) s.splice(k);
    }
  }
  return s;
}

function stripTags(s: string): string {
  return s.replace(/<[^>]*>/g, '');
}

/**
 * Cue features: short phrase patterns that generalise beyond the training sentences
 * ("tidak bisa" + login/akses, "data ... salah", "belum ada kabar", a question word...).
 * The cues are data (faq/isyarat/<jenis>.yaml, loaded and validated with the knowledge); this
 * module compiles them to regular expressions. They run on the normalised text in which app
 * mentions are `__app__`, agency mentions `__agency__`, a question mark `__q__` and a ticket
 * number `__tiket__`, and become extra input features of the type classifier
 * (`#cue:<type>:<name>` and `#cue:<type>`), so their weight is learned together with the words.
 */
import type { CueDefinition, CueSlot } from '../knowledge/types';

export interface CompiledCue {
  type: string;
  name: string;
  /** Tested against the cue text padded with one space on each side. */
  regex: RegExp;
}

function wordPattern(word: string): string {
  return word
    .split(' ')
    .map((w) => (w === '<angka>' ? '\\d+' : w === '<tahun>' ? '\\d{4}' : w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join(' ');
}

function alternatives(words: readonly string[]): string {
  return `(?:${words.map(wordPattern).join('|')})`;
}

function slotPattern(slot: CueSlot): string {
  if (slot.kind === 'gap') return `(?:\\S+ ){0,${slot.max}}`;
  return slot.optional ? `(?:${alternatives(slot.words)} )?` : `${alternatives(slot.words)} `;
}

/**
 * The regular expression of a cue. Every slot consumes its words and the space after them, so on
 * " text " a sequence matches whole words only; `all` needs each group somewhere, in any order.
 */
export function compileCue(def: CueDefinition): RegExp {
  if (def.pattern.kind === 'all') {
    return new RegExp(`^${def.pattern.groups.map((g) => `(?=.* ${alternatives(g)} )`).join('')}`);
  }
  return new RegExp(` ${def.pattern.slots.map(slotPattern).join('')}`);
}

export class CueMatcher {
  readonly cues: readonly CompiledCue[];

  constructor(definitions: readonly CueDefinition[]) {
    this.cues = definitions.map((d) => ({ type: d.type, name: d.name, regex: compileCue(d) }));
  }

  /**
   * The cue features of a cue text (tokens joined by spaces). The cues are written for base words;
   * "pelayanannya", "sistemnya" also count as "pelayanan", "sistem" (cues that fire only so come last).
   */
  features(cueText: string): string[] {
    const padded = ` ${cueText} `;
    const fired = this.cues.map((cue) => cue.regex.test(padded));
    const passes = [fired];
    const baseText = padded.replace(/(?<=\S{3})nya(?= )/g, '');
    if (baseText !== padded) passes.push(this.cues.map((cue, i) => !fired[i] && cue.regex.test(baseText)));
    const out: string[] = [];
    for (const pass of passes) {
      this.cues.forEach((cue, i) => {
        if (pass[i]) out.push(`#cue:${cue.type}:${cue.name}`, `#cue:${cue.type}`);
      });
    }
    return out;
  }
}

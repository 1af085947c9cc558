/**
 * Entities of the domain, as phrase indexes over normalised tokens:
 * - apps: every app name and alias (with hyphen/space/joined spellings) -> its services (strong evidence);
 * - keywords: catalog kata_kunci, the service name and URL words -> service (medium evidence);
 * - agencies: id, short name, full name and aliases -> agency (medium evidence for its services).
 * Phrases are normalised with the same Normalizer as messages, so they match what it produces.
 */
import type { AgencyId, ServiceId } from '../domain/ids';
import type { Knowledge } from '../knowledge/types';
import type { Normalizer } from './normalize';
import { PhraseIndex } from './phrases';

export interface AppRef {
  /** Canonical token for the app, e.g. "app:simpeg". */
  token: string;
  name: string;
  services: ServiceId[];
}

/** Spelling variants of an app name or alias: "e-Kinerja" -> e-kinerja, ekinerja, "e kinerja". */
export function spellingVariants(name: string): string[] {
  const base = name.toLowerCase().trim().replace(/\s+/g, ' ');
  const out = new Set<string>([base]);
  out.add(base.replace(/[-\s]+/g, ''));
  out.add(base.replace(/-/g, ' '));
  out.add(base.replace(/\s+/g, '-'));
  return [...out].filter((v) => v.length >= 2);
}

/**
 * Raw words (before normalisation) the typo corrector may target, each with the group it names
 * (an app, an agency, a keyword): two candidates of the same group are not a tie.
 */
export function domainWords(knowledge: Knowledge): [string, string][] {
  const words = new Map<string, string>();
  const addPhrase = (p: string, group: string) => {
    for (const v of spellingVariants(p)) {
      for (const w of v.split(/\s+/)) if ((w.length >= 4 || /-/.test(w)) && !words.has(w)) words.set(w, group);
    }
  };
  for (const s of knowledge.services.values()) {
    for (const app of s.apps) {
      const group = `app:${app.name.toLowerCase()}`;
      addPhrase(app.name, group);
      app.aliases.forEach((a) => addPhrase(a, group));
    }
    for (const k of s.keywords) for (const w of k.toLowerCase().split(/\s+/)) if (w.length >= 5 && !words.has(w)) words.set(w, w);
  }
  for (const a of knowledge.agencies.values()) {
    addPhrase(a.shortName, `agency:${a.id}`);
    a.aliases.filter((x) => !x.includes(' ')).forEach((x) => addPhrase(x, `agency:${a.id}`));
  }
  return [...words].filter(([w]) => /^[a-z0-9-]+$/.test(w));
}

export class DomainIndex {
  readonly apps = new PhraseIndex<AppRef>();
  readonly keywords = new PhraseIndex<ServiceId>();
  readonly agencies = new PhraseIndex<AgencyId>();
  /** Services of each agency, primary-owned first. */
  readonly servicesOfAgency = new Map<AgencyId, { service: ServiceId; primary: boolean }[]>();

  constructor(knowledge: Knowledge, normalizer: Normalizer) {
    const norm = (s: string) => normalizer.normalize(s).tokens;
    const { words } = knowledge;
    const genericAddress = new Set(words.genericAddressWords);
    const genericName = new Set(words.genericNameWords);
    // Address words that never tell the app ("www", "go", the kabupaten's domain, "lapor").
    const urlGeneric = new Set([...words.siteAddressWords, ...words.genericAddressWords]);
    const appRefs = new Map<string, AppRef>();
    for (const s of knowledge.services.values()) {
      for (const app of s.apps) {
        const canon = spellingVariants(app.name)[1] ?? app.name.toLowerCase();
        const key = `app:${canon}`;
        let ref = appRefs.get(key);
        if (!ref) {
          ref = { token: key, name: app.name, services: [] };
          appRefs.set(key, ref);
        }
        if (!ref.services.includes(s.id)) ref.services.push(s.id);
        for (const name of [app.name, ...app.aliases]) {
          for (const v of spellingVariants(name)) {
            const tokens = norm(v);
            // "lapor.go.id" normalises to the everyday verb "lapor": a generic word alone never names an app.
            if (tokens.length === 1 && genericAddress.has(tokens[0]!)) continue;
            if (tokens.length) this.apps.add(tokens, ref);
          }
        }
        if (app.url) {
          // The whole address ("rujukan.cirebonkab.go.id" -> "rujukan cirebonkab go id") names the app,
          // even when its telling word alone is an everyday word.
          const address = norm(app.url);
          if (address.length >= 2) this.apps.add(address, ref);
          for (const w of address) {
            if (w.length >= 4 && !urlGeneric.has(w)) this.keywords.add([w], s.id);
          }
        }
      }
      for (const k of s.keywords) {
        const tokens = norm(k);
        if (tokens.length) this.keywords.add(tokens, s.id);
      }
      const nameWords = norm(s.name).filter((w) => !genericName.has(w));
      if (nameWords.length) this.keywords.add(nameWords, s.id);
      s.owners.forEach((agency, i) => {
        const list = this.servicesOfAgency.get(agency) ?? [];
        list.push({ service: s.id, primary: i === 0 });
        this.servicesOfAgency.set(agency, list);
      });
    }
    for (const a of knowledge.agencies.values()) {
      for (const name of [a.id, a.shortName, a.name, ...a.aliases]) {
        for (const v of spellingVariants(name)) {
          const tokens = norm(v);
          if (tokens.length) this.agencies.add(tokens, a.id);
        }
      }
    }
  }
}

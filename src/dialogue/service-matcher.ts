/**
 * Fallback `resolveService` used when the composition root gives none: finds a service whose
 * application name, alias, id or name the text mentions. The NLU's resolver is better; this keeps
 * the engine usable (and testable) on its own.
 */
import type { ServiceId } from '../domain/ids';
import type { Knowledge, Service } from '../knowledge/types';
import { normalize } from './text';

export type ResolveService = (text: string) => ServiceId | null;

function termsOf(service: Service): string[] {
  const terms = [service.id, service.name, service.name.replace(/^(layanan|sistem informasi)\s+/i, '')];
  for (const app of service.apps) terms.push(app.name, ...app.aliases);
  return [...new Set(terms.map(normalize).filter((t) => t.length >= 3))];
}

export function createCatalogServiceResolver(knowledge: Knowledge): ResolveService {
  const index = [...knowledge.services.values()].flatMap((s) => termsOf(s).map((term) => ({ term, id: s.id })));
  // Longest terms first: "e kinerja" must win over shorter overlaps.
  index.sort((a, b) => b.term.length - a.term.length);
  return (text) => {
    const n = ` ${normalize(text)} `;
    if (n.trim().length === 0) return null;
    return index.find((e) => n.includes(` ${e.term} `))?.id ?? null;
  };
}

/**
 * How to name the service to the user: the app they mentioned, else the service's name (a
 * complaint about Bapenda's counter is not about its app just because the service has one).
 */
export function serviceLabel(service: Service, text?: string): string {
  if (text) {
    const n = ` ${normalize(text)} `;
    const mentioned = service.apps.find((a) => [a.name, ...a.aliases].some((t) => normalize(t) && n.includes(` ${normalize(t)} `)));
    if (mentioned) return mentioned.name;
  }
  return service.name;
}

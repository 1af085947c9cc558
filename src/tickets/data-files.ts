/**
 * Reading and validating the YAML files under flows/ (dialogues, SLA targets, calendar).
 * Every problem becomes a DataFileError naming the file, the entry (a step id or list item) and
 * the field, so whoever edited the file knows exactly what to fix.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { DataFileError } from '../domain/errors';
import { packagePath } from '../runtime/package-root';

/** flows/ of the installed package (FLOWS_DIR overrides it; see src/app/conversation-model.ts). */
export const DEFAULT_FLOWS_DIR = packagePath('flows');

/** `flows/<name>` as shown in error messages. */
export function displayName(path: string): string {
  return `flows/${basename(path)}`;
}

export function readYaml(path: string): unknown {
  const file = displayName(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new DataFileError(file, null, null, `tidak dapat dibaca (${(err as Error).message})`);
  }
  try {
    return parseYaml(text);
  } catch (err) {
    throw new DataFileError(file, null, null, `YAML tidak valid: ${(err as Error).message}`);
  }
}

/**
 * Validates `raw`; on failure names the entry: inside `langkah` (steps) the step id, inside any
 * other list the item's `id`/`nilai`/`tanggal` (or its position), else no entry and the full field path.
 */
export function validateData<S extends z.ZodType>(schema: S, file: string, raw: unknown): z.infer<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String);
  const at = locate(raw, path);
  throw new DataFileError(file, at.entry, at.field, issue.message);
}

export function locate(raw: unknown, path: string[]): { entry: string | null; field: string | null } {
  let node: unknown = raw;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (Array.isArray(node) && /^\d+$/.test(key)) {
      const item = node[Number(key)] as Record<string, unknown> | undefined;
      const label = item && typeof item === 'object' ? (item.id ?? item.nilai ?? item.tanggal) : undefined;
      const entry = typeof label === 'string' || typeof label === 'number' ? String(label) : `#${Number(key) + 1}`;
      const listName = path.slice(0, i).join('.');
      const rest = path.slice(i + 1).join('.');
      // Steps are named by id alone; other lists keep their name for context.
      const named = listName === 'langkah' ? entry : `${listName}[${entry}]`;
      return { entry: named, field: rest || null };
    }
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return { entry: null, field: path.join('.') || null };
}

/**
 * Schema validation of public input (bodies, queries, platform payloads) with zod. Every schema
 * gives its own Indonesian messages; a failure becomes a UserInputError (HTTP 400) carrying the
 * first problem, never a 500. Unknown fields are dropped, not refused.
 */
import { z } from 'zod';
import { UserInputError } from '../domain/errors';

export const NOT_AN_OBJECT = 'Isi permintaan harus berupa objek JSON.';

/** The data when it fits `schema`; otherwise UserInputError with the schema's message. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.map(String).join('.') : null;
  // Our schemas give Indonesian messages; zod's own (English) ones are replaced.
  const message = issue && isOurs(issue.message) ? issue.message : field ? `Kolom "${field}" tidak valid.` : NOT_AN_OBJECT;
  throw new UserInputError(message);
}

/** Messages written in the schemas are Indonesian; zod's defaults start with "Invalid"/"Expected"/"Too"... */
function isOurs(message: string): boolean {
  return !/^(invalid|expected|too |unrecognized|required|number must|string must|array must)/i.test(message);
}

/** A query parameter given once (`?a=1&a=2` arrives as an array and is refused). */
export const queryString = (field: string) => z.string({ error: `Parameter "${field}" harus diberikan sekali sebagai teks.` });

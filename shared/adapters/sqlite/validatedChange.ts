// Checks a read-modify-write's result against an object schema at the cost of what the mutation changed:
// a field it kept by reference, or an element of an array field it kept by reference at the same index,
// was checked when it was written. The hot case is a runbook step write, which changes one step of many.
import { z } from 'zod';
import { ValidationError } from '../../errors';
import { formatZodIssues } from '../../domain/validation/formatZodIssues';

type Fields = Record<string, unknown>;

/**
 * The same result as `schema.parse(proposed)` when `stored` satisfies the schema: unknown keys dropped,
 * defaults applied to what changed. The schema must have no object-level refinements (they would see
 * only part of the record) and arrays checked element by element must have no length checks.
 */
export function validatedChange<S extends z.ZodObject>(
  schema: S,
  stored: Fields,
  proposed: Fields,
  what: string,
): z.infer<S> {
  const next: Fields = {};
  const issues: z.core.$ZodIssue[] = [];
  for (const [key, fieldSchema] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    const value = proposed[key];
    const before = stored[key];
    let result: { ok: true; data: unknown } | { ok: false; issues: z.core.$ZodIssue[] };
    if (value === before) {
      result = { ok: true, data: value };
    } else if (
      fieldSchema instanceof z.ZodArray &&
      (fieldSchema._zod.def.checks ?? []).length === 0 &&
      Array.isArray(value) &&
      Array.isArray(before)
    ) {
      result = changedElements(fieldSchema.element as z.ZodType, before, value);
    } else {
      const parsed = fieldSchema.safeParse(value);
      result = parsed.success ? { ok: true, data: parsed.data } : { ok: false, issues: parsed.error.issues };
    }
    if (!result.ok) {
      issues.push(...result.issues.map((issue) => ({ ...issue, path: [key, ...issue.path] })));
    } else if (result.data !== undefined) {
      next[key] = result.data;
    }
  }
  if (issues.length > 0) {
    throw new ValidationError(`Invalid ${what}`, formatZodIssues(issues));
  }
  return next as z.infer<S>;
}

function changedElements(
  element: z.ZodType,
  before: readonly unknown[],
  value: readonly unknown[],
): { ok: true; data: unknown[] } | { ok: false; issues: z.core.$ZodIssue[] } {
  const data: unknown[] = [];
  const issues: z.core.$ZodIssue[] = [];
  value.forEach((item, index) => {
    if (item === before[index]) {
      data.push(item);
      return;
    }
    const parsed = element.safeParse(item);
    if (parsed.success) {
      data.push(parsed.data);
    } else {
      issues.push(...parsed.error.issues.map((issue) => ({ ...issue, path: [index, ...issue.path] })));
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, data };
}

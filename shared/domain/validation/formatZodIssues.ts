// Turns zod issues into the `{ path, message }` pairs that API callers and catalog authors read.
import { type z } from 'zod';
import { type ValidationIssue } from '../../errors';

/** Keys that read naturally after a dot; anything else is shown as a quoted bracket key. */
const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * Renders a zod path as `data.essentials.severity`, `alerts[0].labels` or `labels["app.kubernetes.io/name"]`;
 * `prefix` is prepended when the schema validated a nested part of a larger input.
 */
export function formatZodPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
    } else if (typeof key === 'string' && PLAIN_KEY.test(key)) {
      out += out === '' ? key : `.${key}`;
    } else {
      out += `[${JSON.stringify(String(key))}]`;
    }
  }
  return out;
}

/**
 * Flattens zod issues into readable details. Union failures are expanded into the branch issues
 * so the caller sees which field failed, not just "invalid input".
 */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[], prefix = ''): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      for (const branch of issue.errors) {
        out.push(...formatZodIssues(branch, formatZodPath(issue.path, prefix)));
      }
      continue;
    }
    out.push({ path: formatZodPath(issue.path, prefix), message: issue.message });
  }
  return dedupe(out);
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\n${issue.message}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

// Reads the few facts the consistency test needs out of Bicep source text. There is no Bicep CLI on these
// machines, so this is deliberately narrow: object literals, resource blocks and their properties, written in
// the layout infra/ uses (one property per line, two-space indents).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const infraDir = path.join(__dirname, '../../../infra');

export function readBicep(relative: string): string {
  return readFileSync(path.join(infraDir, relative), 'utf8');
}

/** The text between the `{` at `open` and its matching `}` (no Bicep string in infra/ holds a brace). */
function balanced(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced braces from offset ${open}`);
}

/** `var name = { KEY: value … }` (or `var name = cond ? { … } : {}`): its top-level entries and their source. */
export function objectVariable(text: string, name: string): Map<string, string> {
  const match = new RegExp(`^var ${name} = (?:[^{]*?\\?\\s*)?\\{`, 'm').exec(text);
  if (!match) throw new Error(`no var ${name} = { … } in the template`);
  const body = balanced(text, match.index + match[0].length - 1);
  const entries = new Map<string, string>();
  // One-line `{ KEY: value }`, or one entry per line at two spaces' indent (deeper lines belong to values).
  const lines = body.includes('\n') ? body.split('\n').filter((l) => /^ {2}\S/.test(l)) : [body.trim()];
  for (const line of lines) {
    const entry = /^\s*('?)([A-Za-z_][\w.]*)\1: (.+)$/.exec(line);
    if (entry?.[2] !== undefined && entry[3] !== undefined) entries.set(entry[2], entry[3].trim());
  }
  return entries;
}

export interface ResourceBlock {
  readonly symbol: string;
  readonly type: string;
  readonly body: string;
}

/** Every resource the file declares (not `existing` references), with its body's text. */
export function resources(text: string): ResourceBlock[] {
  const found: ResourceBlock[] = [];
  const pattern = /^resource (\w+) '([^@']+)@[^']+'( existing)? = (?:\[\s*for [^\n]*: |if \([^\n]*\) )?\{/gm;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[3] !== undefined || m[1] === undefined || m[2] === undefined) continue;
    // The declaration line belongs to the body: a loop names what it iterates over there.
    found.push({ symbol: m[1], type: m[2], body: m[0] + balanced(text, m.index + m[0].length - 1) });
  }
  return found;
}

/** The string value of a top-level `property: '…'` of a resource body. */
export function stringProperty(body: string, property: string): string | undefined {
  return new RegExp(`^ {2}${property}: '([^']*)'`, 'm').exec(body)?.[1];
}

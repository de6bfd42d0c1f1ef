// Parses and validates catalog files (no I/O): YAML syntax, each file's `kind` schema, cross-file rules.
import { type Document, LineCounter, parseDocument } from 'yaml';
import { type z } from 'zod';
import { errorMessage, ValidationError, type ValidationIssue } from '../../errors';
import { checkRunbookReferences, type Located } from '../runbook/checkRunbookReferences';
import { RUNBOOK_KIND, type Runbook, runbookSchema } from '../runbook/Runbook';
import { formatZodIssues } from '../validation/formatZodIssues';
import { type Catalog } from './Catalog';
import { type CatalogFile } from './CatalogFile';
import { WORKLOAD_KIND, type Workload, workloadSchema } from './Workload';

export const CATALOG_KINDS = [WORKLOAD_KIND, RUNBOOK_KIND] as const;
type CatalogKind = (typeof CATALOG_KINDS)[number];

/** One problem in one file; `path` is empty when it concerns the whole file. */
interface Problem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

/** A file whose YAML is a mapping of a known kind, ready for that kind's schema. */
interface CatalogDocument {
  readonly file: string;
  readonly kind: CatalogKind;
  readonly content: Record<string, unknown>;
  readonly doc: Document;
  readonly lineCounter: LineCounter;
}

/**
 * Turns catalog files into a catalog, or throws one ValidationError listing every problem as
 * `<file>: <path>: <message>`; each detail's path is `<file>#<path>` (just `<file>` for the whole file).
 */
export function parseCatalogFiles(files: readonly CatalogFile[]): Catalog {
  const problems: Problem[] = [];
  const workloads: Located<Workload>[] = [];
  const runbooks: Located<Runbook>[] = [];
  // Ids of files that failed their schema, so references to them do not add follow-on problems.
  const invalidWorkloadIds = new Set<string>();
  const invalidRunbookIds = new Set<string>();
  for (const file of [...files].sort((a, b) => compareText(a.path, b.path))) {
    const document = readDocument(file, problems);
    if (document === undefined) {
      continue;
    }
    if (document.kind === WORKLOAD_KIND) {
      const workload = validate(document, workloadSchema, problems);
      if (workload === undefined) {
        addDeclaredId(document, invalidWorkloadIds);
      } else {
        workloads.push({ file: file.path, value: workload });
      }
    } else {
      const runbook = validate(document, runbookSchema, problems);
      if (runbook === undefined) {
        addDeclaredId(document, invalidRunbookIds);
      } else {
        runbooks.push({ file: file.path, value: runbook });
      }
    }
  }
  checkUniqueIds('workload', workloads, problems);
  checkUniqueIds('runbook', runbooks, problems);
  problems.push(...checkRunbookReferences({ workloads, runbooks, invalidWorkloadIds, invalidRunbookIds }));
  if (problems.length > 0) {
    throw catalogError(problems);
  }
  return {
    workloads: workloads.map((entry) => entry.value).sort((a, b) => compareText(a.id, b.id)),
    runbooks: runbooks.map((entry) => entry.value).sort((a, b) => compareText(a.id, b.id)),
  };
}

function catalogError(problems: readonly Problem[]): ValidationError {
  const lines = problems.map(({ file, path, message }) =>
    path === '' ? `  ${file}: ${message}` : `  ${file}: ${path}: ${message}`,
  );
  const details: ValidationIssue[] = problems.map(({ file, path, message }) => ({
    path: path === '' ? file : `${file}#${path}`,
    message,
  }));
  const count = `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`;
  return new ValidationError(`The catalog has ${count}:\n${lines.join('\n')}`, details);
}

function readDocument(file: CatalogFile, problems: Problem[]): CatalogDocument | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const at = error.linePos?.[0];
      const where = at === undefined ? '' : ` at line ${at.line}, column ${at.col}`;
      problems.push({
        file: file.path,
        path: '',
        message: `YAML syntax error${where}: ${firstLine(error.message)}`,
      });
    }
    return undefined;
  }
  let content: unknown;
  try {
    content = doc.toJS();
  } catch (err) {
    // e.g. an alias bomb over yaml's maxAliasCount.
    problems.push({ file: file.path, path: '', message: `YAML error: ${errorMessage(err)}` });
    return undefined;
  }
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    problems.push({
      file: file.path,
      path: '',
      message: `Expected a mapping with a "kind" (one of: ${CATALOG_KINDS.join(', ')})`,
    });
    return undefined;
  }
  const mapping = content as Record<string, unknown>;
  const kind = CATALOG_KINDS.find((known) => known === mapping.kind);
  if (kind === undefined) {
    const what = mapping.kind === undefined ? 'Missing kind' : `Unknown kind ${JSON.stringify(mapping.kind)}`;
    problems.push({
      file: file.path,
      path: 'kind',
      message: `${what}: expected one of ${CATALOG_KINDS.join(', ')}`,
    });
    return undefined;
  }
  return { file: file.path, kind, content: mapping, doc, lineCounter };
}

/** The parsed file, or undefined after adding its schema problems, each with its line where known. */
function validate<T>(document: CatalogDocument, schema: z.ZodType<T>, problems: Problem[]): T | undefined {
  const parsed = schema.safeParse(document.content);
  if (parsed.success) {
    return parsed.data;
  }
  for (const issue of parsed.error.issues) {
    const line = lineOf(document.doc, document.lineCounter, issue.path);
    for (const detail of formatZodIssues([issue])) {
      problems.push({
        file: document.file,
        path: detail.path,
        message: line === undefined ? detail.message : `${detail.message} (line ${line})`,
      });
    }
  }
  return undefined;
}

function addDeclaredId(document: CatalogDocument, ids: Set<string>): void {
  const id = document.content.id;
  if (typeof id === 'string') {
    ids.add(id);
  }
}

function checkUniqueIds(
  what: string,
  entries: readonly Located<{ readonly id: string }>[],
  problems: Problem[],
): void {
  const firstFile = new Map<string, string>();
  for (const { file, value } of entries) {
    const earlier = firstFile.get(value.id);
    if (earlier === undefined) {
      firstFile.set(value.id, file);
    } else {
      problems.push({
        file,
        path: 'id',
        message: `Duplicate ${what} id "${value.id}" (also in ${earlier})`,
      });
    }
  }
}

/** The line of the node at `path`, or of its nearest ancestor that exists (a missing field → its parent). */
function lineOf(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  const keys = path.filter((key): key is string | number => typeof key !== 'symbol');
  for (let length = keys.length; length >= 0; length--) {
    const node: unknown = doc.getIn(keys.slice(0, length), true);
    const offset = rangeStart(node);
    if (offset !== undefined) {
      return lineCounter.linePos(offset).line;
    }
  }
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  if (typeof node === 'object' && node !== null && 'range' in node && Array.isArray(node.range)) {
    const start: unknown = node.range[0];
    return typeof start === 'number' ? start : undefined;
  }
  return undefined;
}

/** yaml's messages end with " at line N, column M:" and a code excerpt; the position is reported separately. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

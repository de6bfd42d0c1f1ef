// Parses and validates catalog files (no I/O): YAML syntax, each file's `kind` schema, cross-file rules.
import { type Document, LineCounter, parseDocument } from 'yaml';
import { errorMessage, ValidationError, type ValidationIssue } from '../../errors';
import { formatZodIssues } from '../validation/formatZodIssues';
import { type Catalog } from './Catalog';
import { type CatalogFile } from './CatalogFile';
import { WORKLOAD_KIND, type Workload, workloadSchema } from './Workload';

export const CATALOG_KINDS = [WORKLOAD_KIND] as const;

/** One problem in one file; `path` is empty when it concerns the whole file. */
interface Problem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

interface ParsedWorkload {
  readonly file: string;
  readonly workload: Workload;
}

/**
 * Turns catalog files into a catalog, or throws one ValidationError listing every problem as
 * `<file>: <path>: <message>`; each detail's path is `<file>#<path>` (just `<file>` for the whole file).
 */
export function parseCatalogFiles(files: readonly CatalogFile[]): Catalog {
  const problems: Problem[] = [];
  const workloads: ParsedWorkload[] = [];
  for (const file of [...files].sort((a, b) => compareText(a.path, b.path))) {
    const workload = parseFile(file, problems);
    if (workload !== undefined) {
      workloads.push({ file: file.path, workload });
    }
  }
  checkUniqueIds(workloads, problems);
  if (problems.length > 0) {
    throw catalogError(problems);
  }
  return {
    workloads: workloads.map((entry) => entry.workload).sort((a, b) => compareText(a.id, b.id)),
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

function parseFile(file: CatalogFile, problems: Problem[]): Workload | undefined {
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
  const kind = (content as Record<string, unknown>).kind;
  if (kind !== WORKLOAD_KIND) {
    const what = kind === undefined ? 'Missing kind' : `Unknown kind ${JSON.stringify(kind)}`;
    problems.push({
      file: file.path,
      path: 'kind',
      message: `${what}: expected one of ${CATALOG_KINDS.join(', ')}`,
    });
    return undefined;
  }
  const parsed = workloadSchema.safeParse(content);
  if (parsed.success) {
    return parsed.data;
  }
  for (const issue of parsed.error.issues) {
    const line = lineOf(doc, lineCounter, issue.path);
    for (const detail of formatZodIssues([issue])) {
      problems.push({
        file: file.path,
        path: detail.path,
        message: line === undefined ? detail.message : `${detail.message} (line ${line})`,
      });
    }
  }
  return undefined;
}

function checkUniqueIds(workloads: readonly ParsedWorkload[], problems: Problem[]): void {
  const firstFile = new Map<string, string>();
  for (const { file, workload } of workloads) {
    const earlier = firstFile.get(workload.id);
    if (earlier === undefined) {
      firstFile.set(workload.id, file);
    } else {
      problems.push({
        file,
        path: 'id',
        message: `Duplicate workload id "${workload.id}" (also in ${earlier})`,
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

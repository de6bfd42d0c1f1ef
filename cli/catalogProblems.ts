// `lifeboat catalog validate`: the catalog's problems as `file:line: path: message`, the form editors and
// CI annotations link from. The line comes from the parser's message, where it knows one.
import { ValidationError } from '../shared/errors';
import { loadCatalog } from '../shared/domain/catalog/loadCatalog';
import type { Catalog } from '../shared/domain/catalog/Catalog';

export interface CatalogProblem {
  readonly file: string;
  readonly line?: number;
  /** The field, e.g. `steps[2].request.url`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

export type CatalogCheck =
  | { readonly ok: true; readonly catalog: Catalog }
  | { readonly ok: false; readonly problems: readonly CatalogProblem[] };

export function checkCatalog(dir: string): CatalogCheck {
  try {
    return { ok: true, catalog: loadCatalog(dir) };
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    if (err.details.length === 0) {
      return { ok: false, problems: [{ file: dir, path: '', message: err.message }] };
    }
    return { ok: false, problems: err.details.map((d) => toProblem(d.path, d.message)) };
  }
}

/** `file#path` and a message that may end in `(line N)` or say `at line N, column M`. */
function toProblem(location: string, message: string): CatalogProblem {
  const hash = location.indexOf('#');
  const file = hash === -1 ? location : location.slice(0, hash);
  const path = hash === -1 ? '' : location.slice(hash + 1);
  const trailing = /\s*\(line (\d+)\)$/.exec(message);
  const syntax = /at line (\d+), column \d+/.exec(message);
  const line = trailing?.[1] ?? syntax?.[1];
  return {
    file,
    path,
    message: trailing ? message.slice(0, trailing.index) : message,
    ...(line === undefined ? {} : { line: Number(line) }),
  };
}

export function formatProblem(problem: CatalogProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return problem.path === ''
    ? `${where}: ${problem.message}`
    : `${where}: ${problem.path}: ${problem.message}`;
}

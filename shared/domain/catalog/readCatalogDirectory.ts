// The catalog's only I/O: reads every *.yaml / *.yml file under a directory, recursively, in a stable order.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../../errors';
import { type CatalogFile } from './CatalogFile';

const CATALOG_FILE = /\.ya?ml$/i;

/** Hidden files and directories (".git", editor swap files) are skipped; symbolic links are not followed. */
export function readCatalogDirectory(dir: string): CatalogFile[] {
  const files: CatalogFile[] = [];
  try {
    walk(dir, '', files);
  } catch (err) {
    throw new ValidationError(
      `The catalog directory "${dir}" cannot be read: ${err instanceof Error ? err.message : String(err)}`,
      [],
      { cause: err },
    );
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function walk(root: string, relative: string, out: CatalogFile[]): void {
  for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) {
      continue;
    }
    // Catalog paths use "/" on every platform, so messages and ids look the same everywhere.
    const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      walk(root, child, out);
    } else if (entry.isFile() && CATALOG_FILE.test(entry.name)) {
      out.push({ path: child, text: readFileSync(path.join(root, child), 'utf8') });
    }
  }
}

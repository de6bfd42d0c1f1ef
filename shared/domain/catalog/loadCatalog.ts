// Start-up entry point: reads the catalog directory and parses it, failing with one list of every problem.
import { type Catalog } from './Catalog';
import { parseCatalogFiles } from './parseCatalogFiles';
import { readCatalogDirectory } from './readCatalogDirectory';

/** Throws a ValidationError when the directory cannot be read or any file is invalid. */
export function loadCatalog(dir: string): Catalog {
  return parseCatalogFiles(readCatalogDirectory(dir));
}

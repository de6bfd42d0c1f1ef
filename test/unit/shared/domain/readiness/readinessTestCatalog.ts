// The sample catalog (catalog/) as readiness tests start from it, with changes to its workload file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { Catalog } from '../../../../../shared/domain/catalog/Catalog';
import type { CatalogFile } from '../../../../../shared/domain/catalog/CatalogFile';
import { parseCatalogFiles } from '../../../../../shared/domain/catalog/parseCatalogFiles';

const CATALOG_DIR = path.resolve(__dirname, '../../../../../catalog');
const WORKLOAD = 'workloads/orders-api.yaml';
const RUNBOOK = 'runbooks/orders-api-failover.yaml';
const FAILBACK_RUNBOOK = 'runbooks/orders-api-failback.yaml';

export function sampleCatalogFiles(changes: Record<string, unknown> = {}): CatalogFile[] {
  const workload = parse(readFileSync(path.join(CATALOG_DIR, WORKLOAD), 'utf8')) as Record<string, unknown>;
  return [
    { path: WORKLOAD, text: stringify({ ...workload, ...changes }) },
    { path: RUNBOOK, text: readFileSync(path.join(CATALOG_DIR, RUNBOOK), 'utf8') },
    { path: FAILBACK_RUNBOOK, text: readFileSync(path.join(CATALOG_DIR, FAILBACK_RUNBOOK), 'utf8') },
  ];
}

export function sampleCatalog(changes: Record<string, unknown> = {}): Catalog {
  return parseCatalogFiles(sampleCatalogFiles(changes));
}

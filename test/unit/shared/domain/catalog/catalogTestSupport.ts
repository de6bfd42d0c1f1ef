// Test support for the catalog: a valid workload as an author would write it, and helpers to parse variations.
import { stringify } from 'yaml';
import { type CatalogFile } from '../../../../../shared/domain/catalog/CatalogFile';
import { type Workload, workloadSchema } from '../../../../../shared/domain/catalog/Workload';

/** A fresh, valid tier-1 workload file (as parsed YAML) with `changes` merged over the top level. */
export function workloadInput(changes: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    kind: 'Workload',
    id: 'orders-api',
    name: 'Orders API',
    tier: 1,
    rto: '15m',
    rpo: '5m',
    strategy: 'warm-standby',
    regions: { primary: 'westeurope', secondary: 'northeurope' },
    services: ['App Service', 'Azure Cosmos DB'],
    match: { resourceGroups: ['rg-orders-*'] },
    contacts: {
      approver: [{ name: 'Alice', email: 'alice@example.com' }],
      deputy: [{ name: 'Chloé', email: 'chloe@example.com' }],
      executive: [{ name: 'Dara', email: 'dara@example.com' }],
    },
    ...changes,
  };
}

export function parseWorkload(input: unknown): Workload {
  return workloadSchema.parse(input);
}

/** `{ path, message }` of every issue, paths dotted like catalog errors; empty when the input is valid. */
export function workloadIssues(input: unknown): { path: string; message: string }[] {
  const result = workloadSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

export function yamlFile(path: string, content: unknown): CatalogFile {
  return { path, text: stringify(content) };
}

// What an Azure step would send to Azure Resource Manager, for dry-runs, the printable runbook and tests
// that compare it with what the SDK really sent.

export type ArmMethod = 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE';

export interface ArmRequestDescription {
  readonly method: ArmMethod;
  /** The resource path (no host) with `?api-version=`. */
  readonly path: string;
  readonly body?: unknown;
  /** When the request depends on what the first GET read (e.g. the other regions of a Cosmos DB account). */
  readonly note?: string;
}

export interface AzureStepDryRun {
  /** One line: what the step would change. */
  readonly summary: string;
  /** In order; the leading GETs read the current state (the step sends nothing more when it is already there). */
  readonly requests: readonly ArmRequestDescription[];
}

export function armPath(resourcePath: string, apiVersion: string): string {
  return `${resourcePath}?api-version=${apiVersion}`;
}

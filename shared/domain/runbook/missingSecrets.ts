// Which app settings the catalog's runbooks refer to but the app does not have: reported at start-up, so
// a missing credential is found before a failover needs it, not during one.
import { drillStep } from '../drill/drillStep';
import { flattenSteps } from './parallelGroupSchema';
import type { Catalog } from '../catalog/Catalog';
import type { SecretLookup } from './resolveHttpRequest';

export interface MissingSecret {
  readonly name: string;
  /** `runbook/step` of every step that needs it. */
  readonly neededBy: readonly string[];
}

export function missingSecrets(catalog: Pick<Catalog, 'runbooks'>, secret: SecretLookup): MissingSecret[] {
  const missing = new Map<string, string[]>();
  for (const runbook of catalog.runbooks) {
    for (const { step } of flattenSteps(runbook.steps)) {
      if (step.type !== 'http') continue;
      // A drill sends the step's drill target what its overrides say: their secrets are needed too.
      const drill = drillStep(step);
      const names = new Set([
        ...step.request.secretNames,
        ...(drill.kind === 'run' && drill.step.type === 'http' ? drill.step.request.secretNames : []),
      ]);
      for (const name of names) {
        if (!secret(name)) {
          missing.set(name, [...(missing.get(name) ?? []), `${runbook.id}/${step.id}`]);
        }
      }
    }
  }
  return [...missing].sort(([a], [b]) => a.localeCompare(b)).map(([name, neededBy]) => ({ name, neededBy }));
}

// What a step does when a drill (not a dry-run) runs it: skipped with its reason, or the step pointed at its
// drill target (its `drill:` overrides applied). A step without overrides runs as written: its target is
// expected to be safe to rehearse against (docs/drills.md).
import { bodySecretReferences } from '../runbook/httpRequestSchema';
import type { LeafStep } from '../runbook/runbookStepSchema';

export type DrillPlan =
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'run'; readonly step: LeafStep; readonly overridden: boolean };

export function drillStep(step: LeafStep): DrillPlan {
  const drill = step.drill;
  if (drill === undefined) return { kind: 'run', step, overridden: false };
  if (drill.skip !== undefined) return { kind: 'skip', reason: drill.skip.reason };
  if (step.type !== 'http') return { kind: 'run', step, overridden: false };
  const url = drill.url ?? step.request.url;
  const body = drill.body ?? step.request.body;
  const secretNames = new Set<string>();
  for (const value of [url, ...Object.values(step.request.headers)]) {
    if (typeof value !== 'string') secretNames.add(value.secret);
  }
  for (const { name } of bodySecretReferences(body, [])) secretNames.add(name);
  return {
    kind: 'run',
    overridden: true,
    step: {
      ...step,
      request: {
        ...step.request,
        url,
        ...(body === undefined ? {} : { body }),
        secretNames: [...secretNames].sort(),
      },
    },
  };
}

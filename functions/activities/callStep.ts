// A runbook step's call to its target, in a client span of its own (with the incident and step ids) and
// counted in the step-duration metric by outcome.
import type { HttpStepOutcome } from '../../shared/ports/StepExecutor';
import { recordStepCall } from '../../shared/telemetry/lifeboatMetrics';
import { annotateActiveSpan, inSpan, SpanKind } from '../../shared/telemetry/tracing';

export function callStep(
  incidentId: string,
  stepId: string,
  attempt: number,
  call: () => Promise<HttpStepOutcome>,
): Promise<HttpStepOutcome> {
  return inSpan(
    `step ${stepId}`,
    { kind: SpanKind.CLIENT, ids: { incidentId, stepId, attempt } },
    async () => {
      const outcome = await call();
      recordStepCall(outcome.latencyMs, 'http', outcome.kind);
      annotateActiveSpan({ stepOutcome: outcome.kind });
      return outcome;
    },
  );
}

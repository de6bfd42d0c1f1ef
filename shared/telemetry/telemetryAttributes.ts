// The names Lifeboat's ids carry on spans, logs and metrics, so one KQL filter finds them all
// (customDimensions["lifeboat.incident.id"]; docs/azure-deployment.md, "Telemetry").
import type { Attributes } from '@opentelemetry/api';
import type { LogIds } from '../logging';

export const INCIDENT_ID = 'lifeboat.incident.id';
export const ALERT_ID = 'lifeboat.alert.id';
export const WORKLOAD_ID = 'lifeboat.workload.id';
export const STEP_ID = 'lifeboat.step.id';

/** Log and span ids (`incidentId`, `alertId`, …) as attributes: `lifeboat.` + the id's name in dotted form. */
export function idAttributes(ids: LogIds | undefined): Attributes {
  const attributes: Attributes = {};
  for (const [key, value] of Object.entries(ids ?? {})) {
    if (value !== undefined) attributes[attributeName(key)] = value;
  }
  return attributes;
}

function attributeName(key: string): string {
  // incidentId → lifeboat.incident.id; instanceId → lifeboat.instance.id; count → lifeboat.count
  return `lifeboat.${key.replace(/([a-z0-9])([A-Z])/g, '$1.$2').toLowerCase()}`;
}

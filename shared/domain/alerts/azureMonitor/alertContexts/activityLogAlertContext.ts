// alertContext of activity-log alerts: Administrative, Policy, Autoscale, Security, Resource Health.
import { z } from 'zod';
import { azureTimestampSchema } from '../azureTimestamp';
import { lenientString } from '../lenient';
import { type AlertContextFacts } from './AlertContextFacts';

export const activityLogAlertContextSchema = z.looseObject({
  // "Succeeded", "Active", "Resolved"...; Service Health sends numbers where others send strings elsewhere.
  status: lenientString,
  eventTimestamp: azureTimestampSchema.nullish().catch(undefined),
  properties: z
    .looseObject({
      // Resource Health and Service Health events carry a human title.
      title: lenientString,
      // Policy events name the resource's region.
      resourceLocation: lenientString,
    })
    .nullish()
    .catch(undefined),
});

export function readActivityLogAlertContext(context: unknown): AlertContextFacts {
  const parsed = activityLogAlertContextSchema.safeParse(context);
  if (!parsed.success) {
    return {};
  }
  const ctx = parsed.data;
  return {
    region: ctx.properties?.resourceLocation ?? undefined,
    summary: ctx.properties?.title ?? undefined,
    ...(ctx.status === 'Resolved' ? { resolved: { at: ctx.eventTimestamp ?? undefined } } : {}),
  };
}

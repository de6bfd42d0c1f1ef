// alertContext of Service Health alerts: which Azure services and regions an incident or maintenance affects.
import { z } from 'zod';
import { type ImpactedService } from '../../Alert';
import { normaliseRegion } from '../../normaliseRegion';
import { azureTimestampSchema } from '../azureTimestamp';
import { lenientString } from '../lenient';
import { type AlertContextFacts } from './AlertContextFacts';

export const serviceHealthAlertContextSchema = z.looseObject({
  status: lenientString,
  eventTimestamp: azureTimestampSchema.nullish().catch(undefined),
  properties: z
    .looseObject({
      title: lenientString,
      region: lenientString,
      stage: lenientString,
      // Stable across the communications (updates, resolution) of one Service Health event.
      trackingId: lenientString,
      // When Microsoft considers the impact over; set on resolution communications.
      impactMitigationTime: azureTimestampSchema.nullish().catch(undefined),
      // A JSON document in a string: [{"ImpactedRegions":[{"RegionName":"East US"}],"ServiceName":"..."}]
      impactedServices: lenientString,
    })
    .nullish()
    .catch(undefined),
});

const impactedServicesSchema = z.array(
  z.looseObject({
    ServiceName: z.string().min(1),
    ImpactedRegions: z
      .array(z.looseObject({ RegionName: z.string() }))
      .nullish()
      .catch(undefined),
  }),
);

export function parseImpactedServices(json: string | null | undefined): ImpactedService[] {
  if (typeof json !== 'string') {
    return [];
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  const parsed = impactedServicesSchema.safeParse(value);
  if (!parsed.success) {
    return [];
  }
  return parsed.data.map((entry) => ({
    service: entry.ServiceName,
    regions: unique((entry.ImpactedRegions ?? []).flatMap((r) => normaliseRegion(r.RegionName) ?? [])),
  }));
}

export function readServiceHealthAlertContext(context: unknown): AlertContextFacts {
  const parsed = serviceHealthAlertContextSchema.safeParse(context);
  if (!parsed.success) {
    return {};
  }
  const ctx = parsed.data;
  const impactedServices = parseImpactedServices(ctx.properties?.impactedServices);
  const regions = unique(impactedServices.flatMap((s) => s.regions));
  const resolved = ctx.status === 'Resolved' || ctx.properties?.stage === 'Resolved';
  return {
    impactedServices,
    // One region is a fact about the event; several are listed in impactedServices instead.
    region: regions.length === 1 ? regions[0] : singleRegion(ctx.properties?.region),
    summary: ctx.properties?.title ?? undefined,
    fingerprint: ctx.properties?.trackingId ?? undefined,
    ...(resolved
      ? { resolved: { at: ctx.properties?.impactMitigationTime ?? ctx.eventTimestamp ?? undefined } }
      : {}),
  };
}

function singleRegion(region: string | null | undefined): string | undefined {
  return typeof region === 'string' && !region.includes(',') ? region : undefined;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

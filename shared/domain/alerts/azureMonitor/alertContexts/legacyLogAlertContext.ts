// alertContext of log search alerts from the older API (Log Analytics, Application Insights, Platform log rules).
import { z } from 'zod';
import { azureTimestampSchema } from '../azureTimestamp';
import {
  dimensionSchema,
  lenientArray,
  lenientNumber,
  lenientString,
  regionFromDimensions,
} from '../lenient';
import { type AlertContextFacts } from './AlertContextFacts';

const lenientTimestamp = azureTimestampSchema.nullish().catch(undefined);

export const legacyLogAlertContextSchema = z.looseObject({
  // Times are "3/22/2019 1:36:33 PM" (UTC) in older payloads and ISO-8601 in newer ones.
  SearchIntervalStartTimeUtc: lenientTimestamp,
  // Microsoft's payloads spell it "Endtime"; the field table says "EndTime".
  SearchIntervalEndtimeUtc: lenientTimestamp,
  SearchIntervalEndTimeUtc: lenientTimestamp,
  ResultCount: lenientNumber,
  Dimensions: lenientArray(dimensionSchema),
  SearchResults: z
    .looseObject({ dataSources: lenientArray(z.looseObject({ region: lenientString })) })
    .nullish()
    .catch(undefined),
});

/** True when the context has the legacy shape (a Platform log rule carries it under monitoringService "Platform"). */
export function isLegacyLogAlertContext(context: Readonly<Record<string, unknown>>): boolean {
  return 'SearchQuery' in context || 'SearchIntervalStartTimeUtc' in context;
}

export function readLegacyLogAlertContext(context: unknown): AlertContextFacts {
  const parsed = legacyLogAlertContextSchema.safeParse(context);
  if (!parsed.success) {
    return {};
  }
  const ctx = parsed.data;
  const dataSourceRegions = new Set(
    (ctx.SearchResults?.dataSources ?? []).flatMap((source) => (source.region ? [source.region] : [])),
  );
  const start = ctx.SearchIntervalStartTimeUtc;
  const end = ctx.SearchIntervalEndtimeUtc ?? ctx.SearchIntervalEndTimeUtc;
  return {
    region:
      regionFromDimensions(ctx.Dimensions) ??
      (dataSourceRegions.size === 1 ? [...dataSourceRegions][0] : undefined),
    fallbackSummary:
      start && end && ctx.ResultCount !== undefined && ctx.ResultCount !== null
        ? `${ctx.ResultCount} result(s) between ${start} and ${end}`
        : undefined,
  };
}

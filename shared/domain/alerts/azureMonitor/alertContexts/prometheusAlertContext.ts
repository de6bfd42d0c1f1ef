// alertContext of Azure Monitor managed Prometheus rule alerts: the rule's labels and annotations.
import { z } from 'zod';
import { stringifyLabels } from '../../stringifyLabels';
import { lenientRecord, lenientString } from '../lenient';
import { type AlertContextFacts } from './AlertContextFacts';

export const prometheusAlertContextSchema = z.looseObject({
  labels: lenientRecord,
  annotations: z
    .looseObject({ summary: lenientString, description: lenientString })
    .nullish()
    .catch(undefined),
});

export function readPrometheusAlertContext(context: unknown): AlertContextFacts {
  const parsed = prometheusAlertContextSchema.safeParse(context);
  if (!parsed.success) {
    return {};
  }
  const { labels, annotations } = parsed.data;
  return {
    labels: stringifyLabels(labels),
    summary: annotations?.summary ?? annotations?.description ?? undefined,
  };
}

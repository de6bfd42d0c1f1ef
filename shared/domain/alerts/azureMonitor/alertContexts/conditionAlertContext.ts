// alertContext of rules with conditionType + condition.allOf: Platform metrics (static, dynamic, web test) and Log Alerts V2.
import { z } from 'zod';
import { stringifyLabels } from '../../stringifyLabels';
import { dimensionSchema, lenientArray, lenientRecord, regionFromDimensions } from '../lenient';
import { type AlertContextFacts } from './AlertContextFacts';

export const conditionAlertContextSchema = z.looseObject({
  // Custom properties of the rule; null when none are set.
  properties: lenientRecord,
  condition: z
    .looseObject({ allOf: lenientArray(z.looseObject({ dimensions: lenientArray(dimensionSchema) })) })
    .nullish()
    .catch(undefined),
});

export function readConditionAlertContext(context: unknown): AlertContextFacts {
  const parsed = conditionAlertContextSchema.safeParse(context);
  if (!parsed.success) {
    return {};
  }
  const criteria = parsed.data.condition?.allOf ?? [];
  return {
    labels: stringifyLabels(parsed.data.properties),
    region: regionFromDimensions(criteria.flatMap((criterion) => criterion.dimensions)),
  };
}

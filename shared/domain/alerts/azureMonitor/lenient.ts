// Zod building blocks for the parts of Azure payloads that vary by service and version: read if usable, else ignore.
import { z } from 'zod';

/** A string, or undefined when absent, null or of another type. */
export const lenientString = z.string().nullish().catch(undefined);

/** A number, or undefined when absent, null or of another type. */
export const lenientNumber = z.number().nullish().catch(undefined);

/** An object map, or undefined when absent, null or not an object. */
export const lenientRecord = z.record(z.string(), z.unknown()).nullish().catch(undefined);

/** An array keeping only the items that match `item`; [] when absent or not an array. */
export function lenientArray<T extends z.ZodType>(item: T) {
  return z
    .array(z.unknown())
    .nullish()
    .catch(undefined)
    .transform((items) =>
      (items ?? []).flatMap((value): z.output<T>[] => {
        const parsed = item.safeParse(value);
        return parsed.success ? [parsed.data] : [];
      }),
    );
}

/** A metric / log dimension as Azure writes it: `{ "name": "Region", "value": "West Europe" }`. */
export const dimensionSchema = z.looseObject({ name: z.string(), value: z.unknown() });
export type Dimension = z.infer<typeof dimensionSchema>;

/** The value of a `region` / `location` dimension, the only dimensions Lifeboat reads. */
export function regionFromDimensions(dimensions: readonly Dimension[]): string | undefined {
  for (const dimension of dimensions) {
    if (/^(region|location)$/i.test(dimension.name) && typeof dimension.value === 'string') {
      return dimension.value;
    }
  }
  return undefined;
}

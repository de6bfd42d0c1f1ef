// Primary and secondary Azure regions, compared in one spelling: "West Europe" → "westeurope".
import { z } from 'zod';
import { normaliseRegion } from '../alerts/normaliseRegion';

const REGION_PATTERN = /^[a-z][a-z0-9]*$/;

export const regionSchema = z
  .string()
  .min(1)
  .transform((value, ctx) => {
    const region = normaliseRegion(value);
    if (region === undefined || !REGION_PATTERN.test(region)) {
      ctx.addIssue({
        code: 'custom',
        message: `Invalid region ${JSON.stringify(value)}: expected an Azure region name such as "westeurope" or "West Europe"`,
      });
      return z.NEVER;
    }
    return region;
  })
  .describe('Azure region, e.g. "westeurope" or "West Europe" (compared lowercase without spaces).');

export const regionsSchema = z
  .strictObject({
    primary: regionSchema.describe(
      'Region that serves traffic normally, e.g. "westeurope" or "West Europe".',
    ),
    secondary: regionSchema.describe('Region that takes over on failover, e.g. "northeurope".'),
  })
  .refine((regions) => regions.primary !== regions.secondary, {
    path: ['secondary'],
    error: 'The secondary region must differ from the primary region',
  })
  .describe('Where the workload runs normally and where it fails over to.');
export type Regions = z.output<typeof regionsSchema>;

// Workload criticality tiers from the Azure DR guidance: 0 mission critical ... 3 administrative.
import { z } from 'zod';

export const TIERS = [0, 1, 2, 3] as const;

export const TIER_NAMES = {
  0: 'mission critical',
  1: 'business critical',
  2: 'business operational',
  3: 'administrative',
} as const satisfies Record<(typeof TIERS)[number], string>;

export const tierSchema = z
  .literal(TIERS, {
    error:
      'Expected a tier: 0 (mission critical), 1 (business critical), 2 (business operational) or 3 (administrative)',
  })
  .describe(
    'Criticality: 0 mission critical, 1 business critical, 2 business operational, 3 administrative. Sets the default approval policy.',
  );

export type Tier = z.infer<typeof tierSchema>;

// What Lifeboat takes from a common-schema alertContext; every field is optional because contexts vary.
import { type ImpactedService } from '../../Alert';

export interface AlertContextFacts {
  /** Label-like maps found in the context (metric / log rule properties, Prometheus labels). */
  readonly labels?: Record<string, string>;
  /** Any spelling; normalised later. */
  readonly region?: string | undefined;
  readonly impactedServices?: ImpactedService[];
  /** Text that describes this occurrence better than the rule's description (event titles, annotations). */
  readonly summary?: string | undefined;
  /** Text to use when the rule has no description. */
  readonly fallbackSummary?: string | undefined;
  /** Activity-log events report resolution in the event while monitorCondition stays "Fired". */
  readonly resolved?: { readonly at?: string | undefined };
  /** A key that stays the same across the notifications of one underlying event (Service Health tracking id). */
  readonly fingerprint?: string | undefined;
}

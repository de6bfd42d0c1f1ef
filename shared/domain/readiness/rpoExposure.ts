// What a failover would lose right now, in words for approvers: "North Europe is 42 s behind; RPO 5 m:
// within; failing over now may lose up to about 42 s of writes (measured 12 s ago)".
import type { LagMeasurement } from './ReadinessResult';
import { secondsText } from './secondsText';

export interface RpoExposure {
  readonly lagSeconds: number;
  readonly rpoSeconds: number;
  readonly withinRpo: boolean;
  /** How old the measurement is when the text is written. */
  readonly ageSeconds: number;
  readonly text: string;
}

/** Display names of common Azure regions; any other region is shown as the catalog spells it. */
const REGION_NAMES: Readonly<Record<string, string>> = {
  northeurope: 'North Europe',
  westeurope: 'West Europe',
  uksouth: 'UK South',
  ukwest: 'UK West',
  francecentral: 'France Central',
  germanywestcentral: 'Germany West Central',
  swedencentral: 'Sweden Central',
  switzerlandnorth: 'Switzerland North',
  norwayeast: 'Norway East',
  eastus: 'East US',
  eastus2: 'East US 2',
  westus: 'West US',
  westus2: 'West US 2',
  westus3: 'West US 3',
  centralus: 'Central US',
  southcentralus: 'South Central US',
  northcentralus: 'North Central US',
  canadacentral: 'Canada Central',
  brazilsouth: 'Brazil South',
  southeastasia: 'Southeast Asia',
  eastasia: 'East Asia',
  japaneast: 'Japan East',
  australiaeast: 'Australia East',
  centralindia: 'Central India',
};

export function regionDisplayName(region: string): string {
  return REGION_NAMES[region] ?? region;
}

export function rpoExposure(
  secondaryRegion: string,
  measurement: LagMeasurement,
  rpoSeconds: number,
  now: Date,
): RpoExposure {
  const lag = measurement.lagSeconds;
  const withinRpo = lag <= rpoSeconds;
  const ageSeconds = Math.max(0, Math.round((now.getTime() - Date.parse(measurement.measuredAt)) / 1000));
  const verdict = withinRpo ? 'within' : `EXCEEDED by ${secondsText(lag - rpoSeconds)}`;
  const loss =
    lag === 0
      ? 'failing over now should lose no acknowledged writes'
      : `failing over now may lose up to about ${secondsText(lag)} of writes`;
  return {
    lagSeconds: lag,
    rpoSeconds,
    withinRpo,
    ageSeconds,
    text: `${regionDisplayName(secondaryRegion)} is ${secondsText(lag)} behind; RPO ${secondsText(rpoSeconds)}: ${verdict}; ${loss} (measured ${secondsText(ageSeconds)} ago)`,
  };
}

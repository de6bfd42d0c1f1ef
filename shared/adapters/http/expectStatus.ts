// Matching and describing a step's expected statuses (a list or an inclusive range).
import { NonRetryableError } from '../../errors';
import { type ExpectStatus } from '../../ports/StepExecutor';

export function matchesExpectStatus(status: number, expect: ExpectStatus): boolean {
  return isStatusList(expect) ? expect.includes(status) : status >= expect.min && status <= expect.max;
}

/** "200", "200 or 202", "200, 201 or 204", "200–299". */
export function describeExpectStatus(expect: ExpectStatus): string {
  if (!isStatusList(expect)) {
    return expect.min === expect.max ? `${expect.min}` : `${expect.min}–${expect.max}`;
  }
  const all = expect.map(String);
  const last = all.pop();
  return all.length === 0 ? `${last}` : `${all.join(', ')} or ${last}`;
}

/** A programming error otherwise: the runbook schema only lets valid expectations through. */
export function assertValidExpectStatus(expect: ExpectStatus): void {
  const valid = isStatusList(expect)
    ? expect.length > 0 && expect.every(isStatusCode)
    : isStatusCode(expect.min) && isStatusCode(expect.max) && expect.min <= expect.max;
  if (!valid) {
    throw new NonRetryableError(
      'Invalid expectStatus: expected a non-empty list of status codes (100–599) or a range {min, max} of them.',
    );
  }
}

export function isStatusCode(value: number): boolean {
  return Number.isInteger(value) && value >= 100 && value <= 599;
}

function isStatusList(expect: ExpectStatus): expect is readonly number[] {
  return Array.isArray(expect);
}

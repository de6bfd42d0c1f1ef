// The lag of an `http` replication source: one GET, a JSON body, the number at the catalog's path.
import type { LagSource } from '../../domain/catalog/replicationSchema';
import { readJsonNumber } from '../../domain/readiness/readJsonPath';
import type { LagReading } from '../../ports/LagReader';
import { describeStatus } from './describeStatus';
import { describeTarget, parseHttpUrl } from './describeTarget';
import { formatLatency } from './formatLatency';
import { sendBoundedRequest } from './sendBoundedRequest';

/** A lag endpoint answers a small document; a larger one is cut here and fails to parse. */
const LAG_BODY_LIMIT_BYTES = 64 * 1024;
export const LAG_READ_TIMEOUT_MS = 5_000;

export async function readHttpLag(
  source: Extract<LagSource, { kind: 'http' }>,
  now: Date,
  timeoutMs = LAG_READ_TIMEOUT_MS,
): Promise<LagReading> {
  const url = parseHttpUrl(source.url);
  if (!url) return { ok: false, reason: 'the URL is not an absolute http(s) URL' };
  const target = describeTarget('GET', url);
  const exchange = await sendBoundedRequest({
    method: 'GET',
    url,
    headers: new Headers({ accept: 'application/json', 'user-agent': 'Lifeboat-Readiness' }),
    timeoutMs,
    maxBodyBytes: LAG_BODY_LIMIT_BYTES,
  });
  if (exchange.kind === 'timeout')
    return { ok: false, reason: `${target} did not answer within ${formatLatency(timeoutMs)}` };
  if (exchange.kind === 'network')
    return { ok: false, reason: `${target} failed: ${exchange.failure.description}` };
  if (exchange.status < 200 || exchange.status > 299) {
    return { ok: false, reason: `${target} answered ${describeStatus(exchange.status)}` };
  }
  if (exchange.bodyFailure || exchange.bodyTruncated)
    return { ok: false, reason: `${target}: the body could not be read whole` };
  let body: unknown;
  try {
    body = JSON.parse(exchange.body);
  } catch {
    return { ok: false, reason: `${target} answered a body that is not JSON` };
  }
  const value = readJsonNumber(body, source.path);
  if (!value.ok) return { ok: false, reason: `${target}: ${value.reason}` };
  return {
    ok: true,
    lagSeconds: source.unit === 'milliseconds' ? value.value / 1000 : value.value,
    measuredAt: now.toISOString(),
  };
}

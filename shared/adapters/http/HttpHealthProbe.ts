// HealthProbe on fetch: one GET judged on status, latency and body text. Consecutive passes and the
// deadline belong to the orchestration (one probe per activity, durable timers between them).
import { DEFAULT_EXPECT_STATUS } from '../../domain/catalog/healthCheckSchema';
import { NonRetryableError } from '../../errors';
import { type HealthProbe, type HealthProbeRequest, type HealthProbeResult } from '../../ports/HealthProbe';
import { describeStatus } from './describeStatus';
import { describeTarget, parseHttpUrl } from './describeTarget';
import { isStatusCode } from './expectStatus';
import { formatLatency } from './formatLatency';
import { sendBoundedRequest } from './sendBoundedRequest';
import { splitUrlCredentials } from './urlCredentials';

/** How much of a failing probe's body its reason quotes. */
const BODY_EXCERPT_CHARS = 200;
/** `bodyContains` is looked for in this much of the body. */
export const PROBE_BODY_LIMIT_BYTES = 64 * 1024;

const USER_AGENT = 'Lifeboat-HealthProbe';

export class HttpHealthProbe implements HealthProbe {
  async probe(request: HealthProbeRequest): Promise<HealthProbeResult> {
    const expectStatus = request.expectStatus ?? DEFAULT_EXPECT_STATUS;
    assertValidRequest(request, expectStatus);
    const parsed = parseHttpUrl(request.url);
    if (!parsed) {
      return { ok: false, latencyMs: 0, reason: 'Not probed: the URL is not an absolute http(s) URL' };
    }
    const { url, authorization } = splitUrlCredentials(parsed);
    const target = describeTarget('GET', url);
    const headers = new Headers({ 'user-agent': USER_AGENT, 'cache-control': 'no-cache' });
    if (authorization !== undefined) {
      headers.set('authorization', authorization);
    }
    const exchange = await sendBoundedRequest({
      method: 'GET',
      url,
      headers,
      timeoutMs: request.timeoutMs,
      maxBodyBytes: PROBE_BODY_LIMIT_BYTES,
    });
    const { latencyMs } = exchange;
    if (exchange.kind === 'timeout') {
      return {
        ok: false,
        latencyMs,
        reason: `${target} did not answer within ${formatLatency(request.timeoutMs)}`,
      };
    }
    if (exchange.kind === 'network') {
      const reason = `${target} failed after ${formatLatency(latencyMs)}: ${exchange.failure.description}`;
      return { ok: false, latencyMs, reason };
    }

    const { status } = exchange;
    const problems: string[] = [];
    if (status !== expectStatus) {
      problems.push(`expected ${expectStatus}`);
    }
    if (request.maxLatencyMs !== undefined && latencyMs > request.maxLatencyMs) {
      problems.push(`slower than the ${formatLatency(request.maxLatencyMs)} maximum`);
    }
    if (exchange.bodyFailure) {
      problems.push(
        exchange.bodyFailure === 'timeout'
          ? `the body did not arrive within ${formatLatency(request.timeoutMs)}`
          : 'the connection dropped while reading the body',
      );
    } else if (request.bodyContains !== undefined && !exchange.body.includes(request.bodyContains)) {
      const where = exchange.bodyTruncated ? ` in its first ${PROBE_BODY_LIMIT_BYTES / 1024} KB` : '';
      problems.push(`the body does not contain ${JSON.stringify(request.bodyContains)}${where}`);
    }
    const answered = `${target} answered ${describeStatus(status)} in ${formatLatency(latencyMs)}`;
    // A failing health endpoint's body usually says why (which dependency is down): keep a short excerpt.
    const said = problems.length > 0 && !exchange.bodyFailure ? bodyExcerpt(exchange.body) : '';
    return {
      ok: problems.length === 0,
      status,
      latencyMs,
      reason:
        problems.length === 0
          ? answered
          : `${answered}: ${problems.join('; ')}${said ? `; it said ${said}` : ''}`,
    };
  }
}

/** One line, control characters dropped, at most BODY_EXCERPT_CHARS, quoted; empty for an empty body. */
function bodyExcerpt(body: string): string {
  const printable = Array.from(body, (c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? ' ' : c)).join(
    '',
  );
  const line = printable.replace(/\s+/g, ' ').trim();
  if (line === '') return '';
  return JSON.stringify(line.length > BODY_EXCERPT_CHARS ? `${line.slice(0, BODY_EXCERPT_CHARS)}…` : line);
}

/** Programming errors: the catalog schema guarantees these. */
function assertValidRequest(request: HealthProbeRequest, expectStatus: number): void {
  if (!Number.isFinite(request.timeoutMs) || request.timeoutMs <= 0) {
    throw new NonRetryableError('Invalid timeoutMs: expected a positive number of milliseconds.');
  }
  if (!isStatusCode(expectStatus)) {
    throw new NonRetryableError('Invalid expectStatus: expected a status code (100–599).');
  }
  if (request.maxLatencyMs !== undefined && !(request.maxLatencyMs >= 0)) {
    throw new NonRetryableError('Invalid maxLatencyMs: expected a non-negative number of milliseconds.');
  }
  if (request.bodyContains === '') {
    throw new NonRetryableError('Invalid bodyContains: expected non-empty text.');
  }
}

import { runbookSchema } from '../../../../../shared/domain/runbook/Runbook';
import { resolveHttpRequest, toExpectStatus } from '../../../../../shared/domain/runbook/resolveHttpRequest';
import type { HttpStep } from '../../../../../shared/domain/runbook/runbookStepSchema';
import { runbookWithStep } from './runbookTestSupport';

function httpStep(request: Record<string, unknown>, extra: Record<string, unknown> = {}): HttpStep {
  const [step] = runbookSchema.parse(runbookWithStep({ type: 'http', request, ...extra })).steps;
  if (step?.type !== 'http') throw new Error('expected an http step');
  return step;
}

const settings: Record<string, string> = {
  AUTOMATION_TOKEN: 'Bearer s3cret',
  WEBHOOK_URL: 'https://automation.example.com/webhooks?token=abc',
  DB_PASSWORD: 'hunter2',
};
const lookup = (name: string) => settings[name];

describe('resolveHttpRequest', () => {
  it('resolves secrets in the URL, headers and body, and carries the key, timeout and expected statuses', () => {
    const step = httpStep(
      {
        url: { secret: 'WEBHOOK_URL' },
        headers: { Authorization: { secret: 'AUTOMATION_TOKEN' }, 'X-Team': 'orders' },
        body: { account: 'cosmos-orders', credentials: [{ password: { secret: 'DB_PASSWORD' } }] },
        expectStatus: [200, 202],
      },
      { timeout: '2m' },
    );

    expect(resolveHttpRequest(step, 'lifeboat:i:the-step', lookup)).toEqual({
      ok: true,
      request: {
        method: 'POST',
        url: 'https://automation.example.com/webhooks?token=abc',
        headers: { Authorization: 'Bearer s3cret', 'X-Team': 'orders' },
        body: { account: 'cosmos-orders', credentials: [{ password: 'hunter2' }] },
        expectStatus: [200, 202],
        timeoutMs: 120_000,
        idempotencyKey: 'lifeboat:i:the-step',
      },
    });
  });

  it('names every missing app setting without sending anything, and never shows a value', () => {
    const step = httpStep({
      url: 'https://automation.example.com/run',
      headers: { Authorization: { secret: 'MISSING_TOKEN' } },
      body: { password: { secret: 'DB_PASSWORD' }, other: { secret: 'ALSO_MISSING' } },
    });
    const resolved = resolveHttpRequest(step, 'k', lookup);
    expect(resolved).toEqual({
      ok: false,
      reason:
        "not sent: app setting(s) ALSO_MISSING, MISSING_TOKEN not set (the step's secrets are read from app settings)",
    });
    expect(JSON.stringify(resolved)).not.toContain('hunter2');
  });

  it('defaults to any 2xx', () => {
    const step = httpStep({ url: 'https://automation.example.com/run' });
    const resolved = resolveHttpRequest(step, 'k', lookup);
    expect(resolved.ok && resolved.request.expectStatus).toEqual({ min: 200, max: 299 });
  });
});

describe('toExpectStatus', () => {
  it('keeps one range as a range and turns codes (or several ranges) into a sorted list', () => {
    expect(toExpectStatus([{ from: 200, to: 299 }])).toEqual({ min: 200, max: 299 });
    expect(toExpectStatus([{ from: 202, to: 202 }])).toEqual([202]);
    expect(
      toExpectStatus([
        { from: 204, to: 204 },
        { from: 200, to: 201 },
      ]),
    ).toEqual([200, 201, 204]);
  });
});

// A step's `drill:` overrides as catalog authors write them: what parses, and what each mistake is told.
import { parseCatalogFiles } from '../../../../../shared/domain/catalog/parseCatalogFiles';
import { drillStep } from '../../../../../shared/domain/drill/drillStep';
import { missingSecrets } from '../../../../../shared/domain/runbook/missingSecrets';
import type { LeafStep } from '../../../../../shared/domain/runbook/runbookStepSchema';
import { nonNullValue } from '../../../../../shared/nonNull';
import { catalogFiles, catalogProblems, RUNBOOK_FILE, runbookWithStep } from './runbookTestSupport';

const httpStep = (drill: unknown) => ({
  type: 'http',
  request: { url: 'https://automation.example.com/switch', body: { to: 'northeurope' } },
  drill,
});

function parsedStep(step: Readonly<Record<string, unknown>>): LeafStep {
  const runbook = nonNullValue(parseCatalogFiles(catalogFiles(runbookWithStep(step))).runbooks[0], 'runbook');
  const parsed = nonNullValue(runbook.steps[0], 'step');
  if (parsed.type === 'parallel') throw new Error('expected a leaf step');
  return parsed;
}

function problems(step: Readonly<Record<string, unknown>>) {
  return catalogProblems(catalogFiles(runbookWithStep(step))).map(({ path, message }) => ({
    path: path.slice(RUNBOOK_FILE.length + 1),
    message,
  }));
}

describe('drill overrides of a runbook step', () => {
  it('point an http step at its drill target: another URL and body, secrets recomputed', () => {
    const step = parsedStep(
      httpStep({ url: { secret: 'DRILL_WEBHOOK_URL' }, body: { to: 'northeurope', drill: true } }),
    );
    const plan = drillStep(step);
    expect(plan).toMatchObject({
      kind: 'run',
      overridden: true,
      step: {
        request: {
          url: { secret: 'DRILL_WEBHOOK_URL' },
          body: { to: 'northeurope', drill: true },
          secretNames: ['DRILL_WEBHOOK_URL'],
        },
      },
    });
    // The live request is kept as it was; the drill's secret is reported missing at start-up too.
    expect(step.type === 'http' && step.request.url).toBe('https://automation.example.com/switch');
    const runbook = nonNullValue(
      parseCatalogFiles(catalogFiles(runbookWithStep(httpStep({ url: { secret: 'DRILL_WEBHOOK_URL' } }))))
        .runbooks[0],
      'runbook',
    );
    expect(missingSecrets({ runbooks: [runbook] }, () => undefined)).toEqual([
      { name: 'DRILL_WEBHOOK_URL', neededBy: ['orders-api-failover/the-step'] },
    ]);
  });

  it('skip a step in drills with its reason; a step without overrides runs as written', () => {
    expect(
      drillStep(
        parsedStep({
          type: 'wait',
          duration: '30s',
          drill: { skip: true, reason: 'no replica in the drill environment' },
        }),
      ),
    ).toEqual({
      kind: 'skip',
      reason: 'no replica in the drill environment',
    });
    const plain = parsedStep({ type: 'wait', duration: '30s' });
    expect(drillStep(plain)).toEqual({ kind: 'run', step: plain, overridden: false });
  });

  it.each([
    [{ skip: true }, 'drill.reason', /needs a reason/],
    [{ skip: true, reason: 'x', url: 'https://drill.example.com/a' }, 'drill.url', /no drill target/],
    [{ reason: 'x', url: 'https://drill.example.com/a' }, 'drill.reason', /goes with skip: true/],
    [{}, 'drill', /skip: true \(with a reason\) or a drill target/],
    [
      { parameters: { region: 'x' } },
      'drill.parameters',
      /drill target is given by url, body, not parameters/,
    ],
    [{ url: 'https://drill.example.com/a?sig=abc' }, 'drill.url', /carries a credential/],
    [{ url: 'ftp://drill.example.com/a' }, 'drill.url', /http/],
  ])('refuses %j on an http step at %s', (drill, path, message) => {
    expect(problems({ name: 'The step', ...httpStep(drill) })).toEqual([
      { path: `steps[0].${path}`, message: expect.stringMatching(message) },
    ]);
  });

  it('refuses a drill target on a step that calls nothing', () => {
    expect(
      problems({ type: 'wait', duration: '30s', drill: { url: 'https://drill.example.com/a' } }),
    ).toEqual([
      {
        path: 'steps[0].drill.url',
        message: expect.stringMatching(
          /^A wait step calls nothing, so it has no drill target: only skip: true with a reason \(line \d+\)$/,
        ),
      },
    ]);
  });

  it('refuses a drill body on a GET step', () => {
    expect(
      problems({
        type: 'http',
        request: { method: 'GET', url: 'https://automation.example.com/state' },
        drill: { body: { a: 1 } },
      }),
    ).toEqual([
      {
        path: 'steps[0].drill.body',
        message: expect.stringMatching(/^A GET request has no body \(line \d+\)$/),
      },
    ]);
  });
});

// Parallel groups as catalog authors write them: branches of steps that do one thing, ids unique across the
// whole runbook, no group inside a branch, and the flattened list the incident keeps.
import { parseCatalogFiles } from '../../../../../shared/domain/catalog/parseCatalogFiles';
import { flattenSteps } from '../../../../../shared/domain/runbook/parallelGroupSchema';
import { nonNullValue } from '../../../../../shared/nonNull';
import { catalogFiles, catalogProblems, runbookInput, RUNBOOK_FILE } from './runbookTestSupport';

const wait = (id: string) => ({ id, name: `Wait ${id}`, type: 'wait', duration: '10s' });
const group = (branches: unknown[], id = 'regions') => ({
  id,
  name: 'Both regions',
  type: 'parallel',
  branches,
});

function problems(steps: unknown[]) {
  return catalogProblems(catalogFiles(runbookInput({ steps }))).map(({ path, message }) => ({
    path: path.slice(RUNBOOK_FILE.length + 1),
    message,
  }));
}

describe('parallel groups in the catalog', () => {
  it('parses branches of steps, and lists every step with its branch after the group', () => {
    const input = runbookInput({
      steps: [
        wait('first'),
        group([
          { name: 'database', steps: [wait('db-one'), wait('db-two')] },
          { name: 'web', steps: [wait('web-one')] },
        ]),
      ],
    });
    const runbook = nonNullValue(parseCatalogFiles(catalogFiles(input)).runbooks[0], 'runbook');
    expect(runbook.steps[1]).toMatchObject({
      id: 'regions',
      type: 'parallel',
      branches: [{ name: 'database' }, { name: 'web' }],
    });
    expect(
      flattenSteps(runbook.steps).map(({ step, group: g }) => `${step.id}${g ? ` in ${g.branchName}` : ''}`),
    ).toEqual(['first', 'regions', 'db-one in database', 'db-two in database', 'web-one in web']);
  });

  it('rejects an id used twice anywhere in the runbook, branches included, pointing at the second', () => {
    expect(
      problems([
        wait('settle'),
        group([
          { name: 'a', steps: [wait('one')] },
          { name: 'b', steps: [wait('settle')] },
        ]),
      ]),
    ).toEqual([
      {
        path: 'steps[1].branches[1].steps[0].id',
        message: expect.stringMatching(/^Duplicate step id "settle"/),
      },
    ]);
  });

  it('rejects a group inside a branch and a group of one branch', () => {
    const nested = group(
      [
        { name: 'a', steps: [wait('one')] },
        { name: 'b', steps: [wait('two')] },
      ],
      'inner',
    );
    expect(
      problems([
        group([
          { name: 'a', steps: [nested] },
          { name: 'b', steps: [wait('three')] },
        ]),
      ]),
    ).toContainEqual({
      path: 'steps[0].branches[0].steps[0].type',
      message: expect.stringMatching(
        /Unknown step type "parallel": expected one of http, manual, wait, healthCheck/,
      ),
    });
    expect(problems([group([{ name: 'a', steps: [wait('one')] }])])).toContainEqual({
      path: 'steps[0].branches',
      message: expect.stringMatching(/at least two branches/),
    });
  });
});

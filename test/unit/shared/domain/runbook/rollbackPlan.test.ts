import type { IncidentStep } from '../../../../../shared/domain/incident/IncidentStep';
import { rollbackPlan } from '../../../../../shared/domain/runbook/rollbackPlan';
import { runbookSchema } from '../../../../../shared/domain/runbook/Runbook';
import { runbookInput } from './runbookTestSupport';

const wait = (id: string, undo = true) => ({
  id,
  name: `Do ${id}`,
  type: 'wait',
  duration: '5s',
  ...(undo ? { rollback: { id: `undo-${id}`, name: `Undo ${id}`, type: 'wait', duration: '5s' } } : {}),
});
const record = (id: string, status: IncidentStep['status']): IncidentStep => ({
  id,
  name: id,
  type: 'wait',
  status,
  attempts: 1,
  revision: 2,
});

describe('rollbackPlan', () => {
  const runbook = runbookSchema.parse(
    runbookInput({
      steps: [
        wait('first'),
        {
          id: 'group',
          name: 'Both at once',
          type: 'parallel',
          branches: [
            { name: 'db', steps: [wait('db-a'), wait('db-b')] },
            { name: 'web', steps: [wait('web-a'), wait('web-b', false)] },
          ],
        },
        wait('skipped'),
        wait('last'),
      ],
    }),
  );

  it('undoes the completed steps in reverse, a parallel group branch by branch from the last', () => {
    const plan = rollbackPlan(runbook.steps, [
      record('first', 'succeeded'),
      record('group', 'succeeded'),
      record('db-a', 'succeeded'),
      record('db-b', 'succeeded'),
      record('web-a', 'succeeded'),
      record('web-b', 'succeeded'),
      record('skipped', 'skipped'),
      record('last', 'failed'),
    ]);
    expect(plan.steps.map((s) => s.id)).toEqual(['undo-web-a', 'undo-db-b', 'undo-db-a', 'undo-first']);
    expect(plan.undoes.get('undo-db-b')).toBe('db-b');
    expect(plan.steps[0]).toMatchObject({ type: 'wait', durationSeconds: 5, onFailure: 'pause' });
  });

  it('has nothing to run when no completed step has a rollback', () => {
    expect(
      rollbackPlan(runbook.steps, [record('web-b', 'succeeded'), record('last', 'pending')]).steps,
    ).toEqual([]);
  });
});

describe('a step’s rollback in the catalog', () => {
  it('is a step of any type with an id unique across the runbook, and has no rollback of its own', () => {
    const duplicate = runbookSchema.safeParse(
      runbookInput({ steps: [wait('aa'), { ...wait('bb'), rollback: { ...wait('undo-aa', false) } }] }),
    );
    expect(duplicate.error?.issues).toEqual([
      expect.objectContaining({
        path: ['steps', 1, 'rollback', 'id'],
        message: 'Duplicate step id "undo-aa"',
      }),
    ]);
    const nested = runbookSchema.safeParse(
      runbookInput({ steps: [{ ...wait('aa'), rollback: wait('bb') }] }),
    );
    expect(nested.error?.issues).toEqual([
      expect.objectContaining({ message: 'A rollback step cannot have a rollback of its own' }),
    ]);
    const http = runbookSchema.parse(
      runbookInput({
        steps: [
          {
            ...wait('aa', false),
            rollback: {
              id: 'undo-aa',
              name: 'Undo aa',
              type: 'http',
              request: { url: 'https://automation.example.com/undo', body: { x: 1 } },
            },
          },
        ],
      }),
    );
    expect(http.steps[0]).toMatchObject({
      rollback: { type: 'http', timeoutSeconds: 30, retry: { preset: 'standard' } },
    });
  });
});

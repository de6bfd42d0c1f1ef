import { z } from 'zod';
import { validatedChange } from '../../../../shared/adapters/sqlite/validatedChange';
import { ValidationError } from '../../../../shared/errors';

const step = z.object({ id: z.string().min(1), status: z.enum(['pending', 'running', 'succeeded']) });
const record = z.object({
  id: z.string().min(1),
  count: z.number().int().nonnegative(),
  note: z.string().optional(),
  steps: z.array(step),
  tags: z.array(z.string()).max(2),
});

const stored = {
  id: 'r1',
  count: 1,
  steps: [
    { id: 'a', status: 'succeeded' },
    { id: 'b', status: 'running' },
    { id: 'c', status: 'pending' },
  ],
  tags: ['x'],
};

function detailsOf(fn: () => unknown): readonly { path: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).details;
  }
  throw new Error('expected a ValidationError');
}

describe('validatedChange', () => {
  it('gives what a full parse gives for valid changes: unknown keys dropped, optional fields kept or left out', () => {
    const steps = [...stored.steps];
    steps[1] = { id: 'b', status: 'succeeded' };
    const proposed = { ...stored, steps, note: 'done', version: 7, extra: true };
    expect(validatedChange(record, stored, proposed, 'record')).toEqual(record.parse(proposed));
    const withoutNote = { ...stored, count: 2 };
    expect(validatedChange(record, stored, withoutNote, 'record')).toEqual(record.parse(withoutNote));
  });

  it('names the path of a changed element that breaks the schema', () => {
    const steps = [...stored.steps];
    steps[2] = { id: 'c', status: 'exploded' };
    const details = detailsOf(() => validatedChange(record, stored, { ...stored, steps }, 'record'));
    expect(details.map((d) => d.path)).toEqual(['steps[2].status']);
  });

  it('checks a changed scalar field and a field that went missing', () => {
    const details = detailsOf(() =>
      validatedChange(record, stored, { ...stored, count: -1, id: undefined }, 'record'),
    );
    expect(details.map((d) => d.path).toSorted()).toEqual(['count', 'id']);
  });

  it('checks a whole array when the array has its own checks (its length) or was replaced by a non-array', () => {
    const tooMany = detailsOf(() =>
      validatedChange(record, stored, { ...stored, tags: ['x', 'y', 'z'] }, 'record'),
    );
    expect(tooMany.map((d) => d.path)).toEqual(['tags']);
    const notAList = detailsOf(() => validatedChange(record, stored, { ...stored, steps: 'none' }, 'record'));
    expect(notAList.map((d) => d.path)).toEqual(['steps']);
  });

  it('checks an element appended to an array', () => {
    const steps = [...stored.steps, { id: '', status: 'pending' }];
    const details = detailsOf(() => validatedChange(record, stored, { ...stored, steps }, 'record'));
    expect(details.map((d) => d.path)).toEqual(['steps[3].id']);
  });
});

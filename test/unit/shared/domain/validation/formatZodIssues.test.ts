import { z } from 'zod';
import { formatZodIssues, formatZodPath } from '../../../../../shared/domain/validation/formatZodIssues';

describe('formatZodPath', () => {
  it.each([
    [[], '', ''],
    [['data', 'essentials', 'severity'], '', 'data.essentials.severity'],
    [['alerts', 0, 'labels'], '', 'alerts[0].labels'],
    [['labels', 'app.kubernetes.io/name'], '', 'labels["app.kubernetes.io/name"]'],
    [['severity'], 'alerts[2]', 'alerts[2].severity'],
    [[0], 'alerts', 'alerts[0]'],
  ] as const)('writes %p (prefix %p) as %p', (zodPath, prefix, expected) => {
    expect(formatZodPath(zodPath, prefix)).toBe(expected);
  });
});

describe('formatZodIssues', () => {
  it('pairs each path with the expectation', () => {
    const schema = z.object({ data: z.object({ severity: z.enum(['Sev0', 'Sev1']), id: z.string() }) });
    const result = schema.safeParse({ data: { severity: 'Sev9' } });
    expect(result.success).toBe(false);
    expect(formatZodIssues(result.error?.issues ?? [])).toEqual([
      { path: 'data.severity', message: 'Invalid option: expected one of "Sev0"|"Sev1"' },
      { path: 'data.id', message: 'Invalid input: expected string, received undefined' },
    ]);
  });

  it('expands union failures into the issues of each branch', () => {
    const schema = z.object({ value: z.union([z.string(), z.object({ count: z.number() })]) });
    const result = schema.safeParse({ value: { count: 'x' } });
    expect(formatZodIssues(result.error?.issues ?? [])).toEqual([
      { path: 'value', message: 'Invalid input: expected string, received object' },
      { path: 'value.count', message: 'Invalid input: expected number, received string' },
    ]);
  });
});

import { validationPlan } from '../../../../../shared/domain/catalog/validationPlan';

const check = (changes: Record<string, unknown> = {}) => ({
  name: 'app',
  url: 'https://app.example.com/health',
  expectStatus: 200,
  consecutivePasses: 3,
  ...changes,
});

describe('validationPlan', () => {
  it('asks every round of all secondary checks, as many passes and as long as the most demanding check', () => {
    const plan = validationPlan({
      healthChecks: {
        primary: [],
        secondary: [
          check({ consecutivePasses: 2, deadlineSeconds: 120 }),
          check({ name: 'db', consecutivePasses: 5 }),
        ],
      },
    });
    expect(plan).toEqual({
      checks: 2,
      passesRequired: 5,
      intervalSeconds: 10,
      deadlineSeconds: 300, // the db check has no deadline of its own: the default
      timeoutSeconds: 10,
    });
  });

  it("takes a check's own shorter deadline and fewer passes when it is the only one", () => {
    expect(
      validationPlan({
        healthChecks: { primary: [], secondary: [check({ consecutivePasses: 1, deadlineSeconds: 60 })] },
      }),
    ).toMatchObject({ checks: 1, passesRequired: 1, deadlineSeconds: 60 });
  });

  it('says there is nothing to probe when the workload has no secondary checks', () => {
    expect(validationPlan({ healthChecks: { primary: [check()], secondary: [] } }).checks).toBe(0);
  });
});

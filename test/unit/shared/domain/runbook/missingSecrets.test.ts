import { missingSecrets } from '../../../../../shared/domain/runbook/missingSecrets';
import { runbookSchema } from '../../../../../shared/domain/runbook/Runbook';
import { runbookInput } from './runbookTestSupport';

const runbook = runbookSchema.parse(
  runbookInput({
    steps: [
      {
        id: 'failover-db',
        name: 'Fail the database over',
        type: 'http',
        request: {
          url: 'https://automation.example.com/db',
          headers: { Authorization: { secret: 'AUTOMATION_TOKEN' } },
        },
      },
      {
        id: 'switch',
        name: 'Switch traffic',
        type: 'http',
        request: {
          url: { secret: 'SWITCH_WEBHOOK' },
          headers: { Authorization: { secret: 'AUTOMATION_TOKEN' } },
        },
      },
      { id: 'settle', name: 'Settle', type: 'wait', duration: '30s' },
    ],
  }),
);

describe('missingSecrets', () => {
  it('lists each missing app setting once, with every step that needs it', () => {
    expect(
      missingSecrets({ runbooks: [runbook] }, (name) =>
        name === 'SWITCH_WEBHOOK' ? 'https://x' : undefined,
      ),
    ).toEqual([
      {
        name: 'AUTOMATION_TOKEN',
        neededBy: ['orders-api-failover/failover-db', 'orders-api-failover/switch'],
      },
    ]);
  });

  it('is empty when every setting is there', () => {
    expect(missingSecrets({ runbooks: [runbook] }, () => 'set')).toEqual([]);
  });
});

import { isNotificationId } from '../../../../../shared/domain/notifications/base/notificationId';
import { approvalDecidedNotificationId } from '../../../../../shared/domain/notifications/kinds/approvalDecided';
import { approvalRequestNotificationId } from '../../../../../shared/domain/notifications/kinds/approvalRequest';
import { incidentOutcomeNotificationId } from '../../../../../shared/domain/notifications/kinds/incidentOutcome';

describe('notification ids', () => {
  it('are usable as file names and Message-ID dot-atoms', () => {
    expect(isNotificationId(approvalRequestNotificationId('orders-api-20261122-031205', 1, 2))).toBe(true);
    expect(isNotificationId(approvalDecidedNotificationId('orders-api-20261122-031205', 1))).toBe(true);
    expect(isNotificationId(incidentOutcomeNotificationId('orders-api-20261122-031205'))).toBe(true);
  });

  it('name the incident whose outcome they announce, once per incident', () => {
    expect(incidentOutcomeNotificationId('orders-api-20261122-031205')).toBe(
      'incident-outcome.orders-api-20261122-031205',
    );
  });

  it.each(['', '.hidden', 'a..b', 'trailing.', '../up', 'a/b', 'a b', 'a@b', 'x'.repeat(301)])(
    'refuse %j',
    (id) => {
      expect(isNotificationId(id)).toBe(false);
    },
  );
});

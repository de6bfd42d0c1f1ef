import {
  approvalDecidedNotificationId,
  approvalRequestNotificationId,
  isNotificationId,
} from '../../../../../shared/domain/notifications/notificationId';

describe('notification ids', () => {
  it('are usable as file names and Message-ID dot-atoms', () => {
    expect(isNotificationId(approvalRequestNotificationId('orders-api-20261122-031205', 1, 2))).toBe(true);
    expect(isNotificationId(approvalDecidedNotificationId('orders-api-20261122-031205', 1))).toBe(true);
  });

  it.each(['', '.hidden', 'a..b', 'trailing.', '../up', 'a/b', 'a b', 'a@b', 'x'.repeat(301)])(
    'refuse %j',
    (id) => {
      expect(isNotificationId(id)).toBe(false);
    },
  );
});

// The registry of message kinds: each kind is registered under its own name, has templates, and is what
// buildMessage builds with.
import { buildApprovalDecidedNotification } from '../../../../../shared/domain/notifications/kinds/approvalDecided';
import { templateKey } from '../../../../../shared/domain/notifications/base/MessageTemplates';
import {
  buildMessage,
  MESSAGE_KINDS,
  NOTIFICATION_KINDS,
} from '../../../../../shared/domain/notifications/messageKinds';
import { ValidationError } from '../../../../../shared/errors';
import { approvalDecidedFacts, TEMPLATES } from './notificationTestSupport';

describe('messageKinds', () => {
  it('registers each kind under the name its notifications carry', () => {
    for (const name of NOTIFICATION_KINDS) {
      expect(MESSAGE_KINDS[name].kind).toBe(name);
    }
    expect(NOTIFICATION_KINDS).toEqual([
      'approval-request',
      'approval-decided',
      'progress-update',
      'incident-outcome',
      'follow-up-outcome',
      'readiness-changed',
    ]);
  });

  it('has a template set for every kind, keyed in camel case', () => {
    expect(templateKey('approval-request')).toBe('approvalRequest');
    expect(Object.keys(TEMPLATES).sort()).toEqual(NOTIFICATION_KINDS.map(templateKey).sort());
  });

  it('builds a kind by its name, as the kind itself does', () => {
    const facts = approvalDecidedFacts();
    const notification = buildMessage('approval-decided', facts, TEMPLATES);
    expect(notification).toEqual(buildApprovalDecidedNotification(facts, TEMPLATES));
    expect(notification.kind).toBe('approval-decided');
  });

  it("checks the facts against the kind's schema", () => {
    expect(() =>
      buildMessage('approval-decided', { ...approvalDecidedFacts(), incidentId: '../x' }, TEMPLATES),
    ).toThrow(ValidationError);
    expect(() =>
      buildMessage('approval-decided', { ...approvalDecidedFacts(), incidentId: '../x' }, TEMPLATES),
    ).toThrow(/^Approval decided facts are invalid: incidentId/);
  });
});

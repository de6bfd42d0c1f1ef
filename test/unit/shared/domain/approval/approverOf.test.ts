import { approverOf } from '../../../../../shared/domain/approval/approverOf';

const contacts = {
  approver: [{ name: 'Alice Jansen', email: 'alice.jansen@example.com' }],
  deputy: [{ name: 'Chloé Martin', email: 'Chloe.Martin@example.com', teamsUpn: 'chloe@example.com' }],
};

describe('approverOf', () => {
  it('decides as the contact whose email the identity has, whatever the case', () => {
    expect(approverOf({ name: 'alice', email: 'ALICE.jansen@example.com' }, contacts)).toEqual({
      approver: 'alice.jansen@example.com',
      name: 'Alice Jansen',
    });
    expect(approverOf({ name: 'chloe', email: 'chloe.martin@example.com' }, contacts)).toEqual({
      approver: 'chloe.martin@example.com',
      name: 'Chloé Martin',
    });
  });

  it("uses the identity's name when it is not a contact", () => {
    expect(approverOf({ name: 'local-operator' }, contacts)).toEqual({ approver: 'local-operator' });
    expect(approverOf({ name: 'bob', email: 'bob@example.com' }, contacts)).toEqual({ approver: 'bob' });
  });
});

import { contactByKey, peopleInRoles } from '../../../../../shared/domain/catalog/contactsSchema';
describe('peopleInRoles and contactByKey', () => {
  const contacts = {
    approver: [
      { name: 'Alice', email: 'Alice@example.com' },
      { name: 'Bram', email: 'bram@example.com' },
    ],
    deputy: [
      { name: 'Alice again', email: 'alice@example.com' },
      { name: 'Chloé', teamsUpn: 'chloe@example.com' },
    ],
  };

  it('lists each person once across the roles, in role order', () => {
    expect(peopleInRoles(contacts, ['deputy', 'approver']).map((c) => c.name)).toEqual([
      'Alice again',
      'Chloé',
      'Bram',
    ]);
    expect(peopleInRoles(contacts, ['nobody'])).toEqual([]);
  });

  it('finds a person by contact key in any role and any case', () => {
    expect(contactByKey(contacts, 'ALICE@example.com')?.name).toBe('Alice');
    expect(contactByKey(contacts, 'chloe@example.com')?.name).toBe('Chloé');
    expect(contactByKey(contacts, 'mallory@example.com')).toBeUndefined();
  });
});

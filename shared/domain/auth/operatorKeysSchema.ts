// LIFEBOAT_OPERATOR_KEYS: operator keys mapped to identities and roles. Messages name fields and positions,
// never a key's value, so a bad setting can be reported (and logged) safely.
import { z } from 'zod';
import { Secret } from '../../Secret';
import { normaliseRoles, operatorRoleSchema } from './Role';

export const MIN_OPERATOR_KEY_LENGTH = 16;
export const MAX_OPERATOR_KEY_LENGTH = 512;

/** Visible ASCII with no spaces: the key travels in an HTTP header, and a Bearer token is one word. */
const KEY_CHARACTERS = /^[\x21-\x7E]+$/;

const EXAMPLE = '[{"key":"<at least 16 characters>","name":"alice","roles":["operator"]}]';

export const operatorKeySchema = z.strictObject({
  key: z
    .string({ error: 'Expected the key as a string' })
    .min(MIN_OPERATOR_KEY_LENGTH, {
      error: `A key needs at least ${MIN_OPERATOR_KEY_LENGTH} characters; generate one, e.g. openssl rand -base64 32`,
    })
    .max(MAX_OPERATOR_KEY_LENGTH, { error: `A key has at most ${MAX_OPERATOR_KEY_LENGTH} characters` })
    .regex(KEY_CHARACTERS, {
      error: 'A key is visible ASCII characters without spaces (it is sent in a header)',
    })
    .transform((value) => new Secret(value)),
  name: z
    .string()
    .trim()
    .min(1, { error: 'Name the key holder; the name is the actor on timelines' })
    .max(200),
  email: z.email().optional(),
  roles: z
    .array(operatorRoleSchema)
    .min(1, { error: 'Give the key at least one role: viewer, operator or approver' })
    .transform(normaliseRoles),
});

export type OperatorKey = z.output<typeof operatorKeySchema>;

/** The parsed array; two entries may share a name (key rotation), never a key. */
export const operatorKeysSchema = z.array(operatorKeySchema).superRefine(
  (keys, ctx) => {
    const firstIndexOf = new Map<string, number>();
    keys.forEach((entry, index) => {
      const value = entry.key.reveal();
      const first = firstIndexOf.get(value);
      if (first === undefined) {
        firstIndexOf.set(value, index);
        return;
      }
      ctx.addIssue({
        code: 'custom',
        path: [index, 'key'],
        message: `Same key as entry [${first}]; every entry needs its own key, or the identity would be ambiguous`,
      });
    });
  },
  // zod runs refinements after non-fatal issues too; the entries are only Secrets once every one is valid.
  { when: (payload) => payload.issues.length === 0 },
);

/** The setting as it arrives: a JSON text. A JSON syntax error is reported without the text or a snippet of it. */
export const operatorKeysJsonSchema = z
  .string()
  .transform((text, ctx): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      // JSON.parse's message quotes the input, which here would be a key.
      ctx.issues.push({
        code: 'custom',
        message: `Not valid JSON; expected an array like ${EXAMPLE}`,
        input: '',
      });
      return z.NEVER;
    }
  })
  .pipe(operatorKeysSchema);

// The random single-use id of an approval link.
import { randomBytes } from 'node:crypto';

const NONCE_BYTES = 16;

/** 128 random bits as unpadded base64url (22 characters). */
export function newNonce(): string {
  return randomBytes(NONCE_BYTES).toString('base64url');
}

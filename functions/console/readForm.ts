// Reads an HTML form post (application/x-www-form-urlencoded) within a size limit.
import type { HttpRequest } from '@azure/functions';
import { readBodyWithin } from '../http/readBodyWithin';

export const MAX_FORM_BYTES = 16 * 1024;

export type FormRead =
  { ok: true; form: URLSearchParams } | { ok: false; status: 413 | 415; message: string };

export async function readForm(request: HttpRequest): Promise<FormRead> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    return { ok: false, status: 415, message: 'Expected a form post (application/x-www-form-urlencoded).' };
  }
  const read = await readBodyWithin(request, MAX_FORM_BYTES);
  if (!read.ok) return { ok: false, status: 413, message: `The form is over ${MAX_FORM_BYTES} bytes.` };
  return { ok: true, form: new URLSearchParams(read.bytes.toString('utf8')) };
}

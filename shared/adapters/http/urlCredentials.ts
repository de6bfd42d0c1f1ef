// Credentials written into a URL (`https://user:password@host/…`): fetch refuses to send such a URL, so they
// travel as `Authorization: Basic` (RFC 7617) instead, and the URL is sent without them. Neither the
// credentials nor the header are ever part of a reason or a log line (describeTarget names the host only).
import { Buffer } from 'node:buffer';

export interface SplitUrl {
  /** The URL without user name and password. */
  readonly url: URL;
  /** `Basic <base64(user:password)>` when the URL carried credentials. */
  readonly authorization?: string;
}

export function splitUrlCredentials(url: URL): SplitUrl {
  if (url.username === '' && url.password === '') {
    return { url };
  }
  const bare = new URL(url.href);
  bare.username = '';
  bare.password = '';
  // The URL keeps them percent-encoded; the header carries the characters themselves, as UTF-8.
  const credentials = `${percentDecoded(url.username)}:${percentDecoded(url.password)}`;
  return { url: bare, authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}` };
}

function percentDecoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // a stray % that encodes nothing stands for itself
  }
}

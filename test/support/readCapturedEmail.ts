// A message the SMTP capture accepted, as the tests read it: who it went to, its subject, and its plain
// text and HTML parts.
import type { CapturedMessage } from './SmtpCapture';
import { parseMimeMessage } from './parseMimeMessage';

export interface ReadEmail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export function readCapturedEmail(message: CapturedMessage): ReadEmail {
  const mime = parseMimeMessage(message.raw);
  const part = (type: string) =>
    mime.parts.find((p) => (p.headers.get('content-type') ?? '').startsWith(type))?.body ?? '';
  return {
    to: message.to,
    subject: mime.headers.get('subject') ?? '',
    text: part('text/plain'),
    html: part('text/html'),
  };
}

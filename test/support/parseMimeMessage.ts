// Reads the raw messages the SMTP stand-in captured: header fields (unfolded, encoded words decoded) and
// the decoded text of each part. Enough MIME for what nodemailer writes; no mail parser is installed.

export interface MimePart {
  readonly headers: ReadonlyMap<string, string>;
  /** Decoded from the part's Content-Transfer-Encoding, as UTF-8 text. */
  readonly body: string;
}

export interface MimeMessage extends MimePart {
  /** The leaf parts of a multipart message (the message itself when it is not multipart). */
  readonly parts: readonly MimePart[];
}

export function parseMimeMessage(raw: string): MimeMessage {
  const message = parsePart(raw);
  return { ...message, parts: leafParts(message) };
}

function parsePart(raw: string): MimePart & { readonly rawBody: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const rawBody = split < 0 ? '' : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers.set(
        line.slice(0, colon).trim().toLowerCase(),
        decodeEncodedWords(line.slice(colon + 1).trim()),
      );
    }
  }
  return { headers, rawBody, body: decodeBody(rawBody, headers.get('content-transfer-encoding')) };
}

function leafParts(part: MimePart & { readonly rawBody: string }): MimePart[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(part.headers.get('content-type') ?? '')?.[1];
  if (!boundary || !/^multipart\//i.test(part.headers.get('content-type') ?? '')) {
    return [part];
  }
  const [, ...sections] = part.rawBody.split(`--${boundary}`);
  return sections
    .filter((section) => !section.startsWith('--'))
    .map((section) => parsePart(section.replace(/^\r\n/, '').replace(/\r\n$/, '')))
    .flatMap(leafParts);
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch (encoding?.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    default:
      return body;
  }
}

/** RFC 2045 §6.7: `=` at a line end is a soft break; `=XX` is a byte. */
function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const unwrapped = text.replace(/=\r\n/g, '');
  for (let i = 0; i < unwrapped.length; i++) {
    const hex = unwrapped.slice(i + 1, i + 3);
    if (unwrapped[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(unwrapped[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`); whitespace between two of them is dropped. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_whole, _charset, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

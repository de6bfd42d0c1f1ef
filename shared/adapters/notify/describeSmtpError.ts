// What a nodemailer failure means for the rest of a notification: try again later, skip this one
// message, or give up on all of them. Built from codes only: the server's reply text can echo the
// recipient's address, and nodemailer's own messages the connection URL.
import { isPermanentResponseCode, type NodemailerError } from 'nodemailer/lib/errors';
import { describeNetworkError } from '../http/describeNetworkError';

export type SmtpFailureScope =
  /** Worth another attempt later: the connection failed, timed out, or the server deferred (4xx). */
  | 'transient'
  /** This message will never be accepted (recipient unknown, content refused); others may be. */
  | 'message'
  /** No message will be accepted until the configuration changes (login or sender refused, bad TLS). */
  | 'configuration';

export interface SmtpFailure {
  /** "the recipient was refused (550 5.1.1)", "the connection was refused (ECONNREFUSED)". */
  readonly description: string;
  readonly scope: SmtpFailureScope;
}

export function describeSmtpError(err: unknown): SmtpFailure {
  // Every field is optional and read defensively: what arrives depends on where nodemailer failed.
  const error = (typeof err === 'object' && err !== null ? err : {}) as Partial<NodemailerError>;
  const { responseCode } = error;
  if (typeof responseCode === 'number') {
    const reply = describeReply(responseCode, error.response);
    const step = describeCommand(error.command);
    // RFC 5321: 5yz is permanent, except 503 (bad sequence of commands; a new session may work).
    if (!isPermanentResponseCode(responseCode)) {
      return { description: `${step} was deferred (${reply})`, scope: 'transient' };
    }
    const perMessage = error.command === 'RCPT TO' || error.command === 'DATA';
    return { description: `${step} was refused (${reply})`, scope: perMessage ? 'message' : 'configuration' };
  }
  const code = error.code ?? 'unknown';
  if (error.originalCode !== undefined && isCertificateCode(error.originalCode)) {
    return {
      description: `the TLS certificate was rejected (${error.originalCode})`,
      scope: 'configuration',
    };
  }
  switch (code) {
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
    case 'EPROXY':
      return {
        description: error.originalCode
          ? describeNetworkError({ code: error.originalCode }).description
          : `the connection failed (${code})`,
        scope: 'transient',
      };
    case 'ETIMEDOUT':
      return { description: describeTimeout(error.timeoutType), scope: 'transient' };
    case 'ETLS':
      // A failed STARTTLS upgrade arrives without the socket's code: a bad certificate cannot be told
      // from a dropped connection, so the retry policy decides when to stop.
      return { description: 'the TLS handshake failed (ETLS)', scope: 'transient' };
    case 'EAUTH':
    case 'ENOAUTH':
    case 'EOAUTH2':
      return { description: `logging in failed (${code})`, scope: 'configuration' };
    case 'ECONFIG':
    case 'EREQUIRETLS':
      return { description: `the SMTP configuration is not usable (${code})`, scope: 'configuration' };
    case 'EENVELOPE':
    case 'EMESSAGE':
      return { description: `the message was not accepted for sending (${code})`, scope: 'message' };
    default:
      return { description: `sending failed (${code})`, scope: 'transient' };
  }
}

/** Node's certificate verification codes (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT...). */
function isCertificateCode(code: string): boolean {
  return code.includes('CERT') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE';
}

/** The SMTP step a reply answered, in words; nodemailer names it in `command`. */
const COMMAND_WORDS: Readonly<Record<string, string>> = {
  'RCPT TO': 'the recipient',
  'MAIL FROM': 'the sender',
  DATA: 'the message',
  CONN: 'the connection',
};

function describeCommand(command: string | undefined): string {
  if (command?.startsWith('AUTH')) {
    return 'the login';
  }
  return (command !== undefined ? COMMAND_WORDS[command] : undefined) ?? 'the request';
}

/** `550 5.1.1`: the reply code and, when present, the enhanced status code; never the reply text. */
function describeReply(code: number, response: string | undefined): string {
  const enhanced = /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})\b/.exec(response ?? '')?.[1];
  return enhanced ? `${code} ${enhanced}` : `${code}`;
}

function describeTimeout(type: NodemailerError['timeoutType']): string {
  switch (type) {
    case 'CONNECT_TIMEOUT':
      return 'connecting timed out (ETIMEDOUT)';
    case 'GREETING_TIMEOUT':
      return 'the server sent no greeting in time (ETIMEDOUT)';
    default:
      return 'the server stopped responding (ETIMEDOUT)';
  }
}

// How nodemailer failures are classified, from errors shaped the way nodemailer 10 builds them (the
// common cases also run against a real server in SmtpEmailChannel.test.ts).
import { describeSmtpError } from '../../../../shared/adapters/notify/describeSmtpError';
import type { NodemailerError } from 'nodemailer';

function nodemailerError(fields: Partial<NodemailerError>): NodemailerError {
  return Object.assign(new Error(`Failed: ${fields.response ?? ''}`), fields);
}

describe('describeSmtpError', () => {
  it.each<[string, Partial<NodemailerError>, string, string]>([
    [
      'an unknown recipient',
      {
        code: 'EENVELOPE',
        command: 'RCPT TO',
        responseCode: 550,
        response: '550 5.1.1 <bob@example.com>: unknown',
      },
      'message',
      'the recipient was refused (550 5.1.1)',
    ],
    [
      'content refused after DATA',
      {
        code: 'EMESSAGE',
        command: 'DATA',
        responseCode: 554,
        response: '554 5.7.1 Message rejected as spam',
      },
      'message',
      'the message was refused (554 5.7.1)',
    ],
    [
      'a sender the relay does not allow',
      { code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 550, response: '550 5.7.60 Not authorized' },
      'configuration',
      'the sender was refused (550 5.7.60)',
    ],
    [
      'a refused login',
      { code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535, response: '535 5.7.8 Bad credentials' },
      'configuration',
      'the login was refused (535 5.7.8)',
    ],
    [
      'a greylisted recipient',
      { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 450, response: '450 4.2.0 Greylisted' },
      'transient',
      'the recipient was deferred (450 4.2.0)',
    ],
    [
      'a server shutting the session down',
      {
        code: 'ECONNECTION',
        command: 'CONN',
        responseCode: 421,
        response: '421 4.3.2 Service shutting down',
      },
      'transient',
      'the connection was deferred (421 4.3.2)',
    ],
    [
      'a bad sequence of commands (503)',
      { code: 'EPROTOCOL', command: 'DATA', responseCode: 503, response: '503 5.5.1 Bad sequence' },
      'transient',
      'the message was deferred (503 5.5.1)',
    ],
    [
      'a refused connection',
      { code: 'ESOCKET', command: 'CONN', originalCode: 'ECONNREFUSED' },
      'transient',
      'the connection was refused (ECONNREFUSED)',
    ],
    [
      'a host name that does not resolve',
      { code: 'EDNS', command: 'CONN', originalCode: 'ENOTFOUND' },
      'transient',
      'the host name did not resolve (ENOTFOUND)',
    ],
    [
      'a greeting that never came',
      { code: 'ETIMEDOUT', command: 'CONN', timeoutType: 'GREETING_TIMEOUT' },
      'transient',
      'the server sent no greeting in time (ETIMEDOUT)',
    ],
    [
      'a failed STARTTLS upgrade (no socket code to tell why)',
      { code: 'ETLS', command: 'STARTTLS' },
      'transient',
      'the TLS handshake failed (ETLS)',
    ],
    [
      'a certificate that does not verify',
      { code: 'ESOCKET', command: 'CONN', originalCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
      'configuration',
      'the TLS certificate was rejected (UNABLE_TO_VERIFY_LEAF_SIGNATURE)',
    ],
    [
      'an expired certificate',
      { code: 'ESOCKET', command: 'CONN', originalCode: 'CERT_HAS_EXPIRED' },
      'configuration',
      'the TLS certificate was rejected (CERT_HAS_EXPIRED)',
    ],
    [
      'missing credentials',
      { code: 'ENOAUTH', command: 'API' },
      'configuration',
      'logging in failed (ENOAUTH)',
    ],
    [
      'an address nodemailer cannot send to',
      { code: 'EENVELOPE', command: 'API' },
      'message',
      'the message was not accepted for sending (EENVELOPE)',
    ],
    ['something unexpected', { code: 'ESTREAM' }, 'transient', 'sending failed (ESTREAM)'],
  ])('classifies %s', (_case, fields, scope, description) => {
    const failure = describeSmtpError(nodemailerError(fields));

    expect(failure).toEqual({ scope, description });
    expect(failure.description).not.toContain('@');
  });

  it('classifies a thrown non-error as worth a retry', () => {
    expect(describeSmtpError('boom')).toEqual({
      scope: 'transient',
      description: 'sending failed (unknown)',
    });
  });
});

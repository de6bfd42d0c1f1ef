import { loadConfig } from '../../../shared/config';
import { ValidationError } from '../../../shared/errors';

function problem(env: Record<string, string>): ValidationError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('loadConfig', () => {
  it('runs on embedded defaults with nothing set', () => {
    expect(loadConfig({})).toMatchObject({
      port: 7071,
      dataDir: '.lifeboat',
      catalogDir: 'catalog',
      store: { kind: 'embedded' },
      bus: { kind: 'embedded' },
      operatorKeys: [],
    });
  });

  it('refuses an SMTP server without a sender, rather than quietly using the outbox', () => {
    const error = problem({ LIFEBOAT_SMTP_URL: 'smtp://user:s3cret-password@mail.example.com:587' });
    expect(error.details).toEqual([
      { path: 'LIFEBOAT_MAIL_FROM', message: 'Required when LIFEBOAT_SMTP_URL is set' },
    ]);
    expect(error.message).not.toContain('s3cret-password');
    expect(
      loadConfig({
        LIFEBOAT_SMTP_URL: 'smtp://mail.example.com:587',
        LIFEBOAT_MAIL_FROM: 'Lifeboat <l@example.com>',
      }),
    ).toMatchObject({ mailFrom: 'Lifeboat <l@example.com>' });
  });

  it('names bad settings without repeating their values', () => {
    const error = problem({ LIFEBOAT_PORT: 'seventy', LIFEBOAT_OPERATOR_KEYS: '[{"key":"short"}]' });
    expect(error.details.map((d) => d.path)).toEqual(expect.arrayContaining(['LIFEBOAT_PORT']));
    expect(error.message).not.toContain('short');
  });
});

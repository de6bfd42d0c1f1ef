// The CLI's HTTP client for a running Lifeboat: base URL and keys from flags or LIFEBOAT_URL /
// LIFEBOAT_OPERATOR_KEY / LIFEBOAT_INTAKE_KEY; answers other than 2xx become a CliError with the server's words.
import { CliError, type CliIo } from './CliIo';

export const DEFAULT_URL = 'http://127.0.0.1:7071';

export interface ServerOptions {
  readonly url?: string;
  readonly key?: string;
  readonly intakeKey?: string;
}

export class LifeboatClient {
  private constructor(
    private readonly baseUrl: string,
    private readonly operatorKey: string | undefined,
    private readonly intakeKey: string | undefined,
  ) {}

  static from(options: ServerOptions, io: CliIo): LifeboatClient {
    const url = options.url ?? io.env.LIFEBOAT_URL ?? DEFAULT_URL;
    try {
      new URL(url);
    } catch {
      throw new CliError(`Not a URL: ${url} (from --url or LIFEBOAT_URL).`);
    }
    return new LifeboatClient(
      url.replace(/\/+$/, ''),
      options.key ?? io.env.LIFEBOAT_OPERATOR_KEY,
      options.intakeKey ?? io.env.LIFEBOAT_INTAKE_KEY ?? io.env.LIFEBOAT_FUNCTION_KEY,
    );
  }

  /** GET an operator route; JSON back. */
  async get(route: string): Promise<unknown> {
    return this.send('GET', route, undefined, this.requireOperatorKey());
  }

  async postAsOperator(route: string, body: unknown): Promise<unknown> {
    return this.send('POST', route, body, this.requireOperatorKey());
  }

  async postAlert(body: unknown): Promise<unknown> {
    if (this.intakeKey === undefined) {
      throw new CliError(
        'No intake key: pass --intake-key or set LIFEBOAT_INTAKE_KEY (locally the function key, .lifeboat/function-key).',
      );
    }
    return this.send('POST', 'alerts', body, this.intakeKey);
  }

  private requireOperatorKey(): string {
    if (this.operatorKey === undefined || this.operatorKey === '') {
      throw new CliError(
        'No operator key: pass --key or set LIFEBOAT_OPERATOR_KEY (locally .lifeboat/operator-key).',
      );
    }
    return this.operatorKey;
  }

  private async send(method: string, route: string, body: unknown, key: string): Promise<unknown> {
    const url = `${this.baseUrl}/api/${route}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      throw new CliError(
        `Cannot reach Lifeboat at ${this.baseUrl}${cause} (is it running? --url / LIFEBOAT_URL).`,
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      throw new CliError(`${method} /api/${route} answered ${response.status}: ${errorText(json, text)}`);
    }
    return json;
  }
}

function errorText(json: unknown, text: string): string {
  const error = (json as { error?: { message?: unknown; details?: unknown } } | undefined)?.error;
  if (error !== undefined && typeof error.message === 'string') {
    const details = Array.isArray(error.details)
      ? (error.details as { path?: string; message?: string }[])
          .map((d) => `\n  ${d.path ? `${d.path}: ` : ''}${d.message ?? ''}`)
          .join('')
      : '';
    return `${error.message}${details}`;
  }
  return text.slice(0, 500) || '(empty body)';
}

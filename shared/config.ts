// Configuration: read once from a whitelist of environment settings, validated, secrets wrapped.
import { z } from 'zod';
import { type OperatorKey, operatorKeysJsonSchema } from './domain/auth/operatorKeysSchema';
import { formatZodPath } from './domain/validation/formatZodIssues';
import { ValidationError } from './errors';
import { Secret } from './Secret';

const optionalSecret = z
  .string()
  .min(1)
  .optional()
  .transform((v) => (v === undefined ? undefined : new Secret(v)));

const optionalUrl = (what: string) =>
  z
    .string()
    .optional()
    .refine((v) => v === undefined || URL.canParse(v), { message: `${what} must be an absolute URL` });

const optionalClientId = (what: string) =>
  z
    .string()
    .trim()
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
      `${what} must be a client id (a GUID)`,
    )
    .optional();

/** The host accepts `managedidentity` only; anything else would be ignored there, so it is refused here. */
const credentialKind = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.literal('managedidentity', { error: 'the only credential the host accepts is managedidentity' }))
  .optional();

/** Every setting Lifeboat reads. Nothing else in process.env is looked at. */
const settingsSchema = z.object({
  LIFEBOAT_PORT: z.coerce.number().int().min(0).max(65535).default(7071),
  LIFEBOAT_DATA_DIR: z.string().min(1).default('.lifeboat'),
  LIFEBOAT_FUNCTION_KEY: optionalSecret,
  /** The key alert sources present to POST /api/alerts (as ?code=, x-functions-key or a Bearer token). */
  LIFEBOAT_INTAKE_KEY: optionalSecret,
  /** Operator keys as JSON, `[{key, name, email?, roles}]` (shared/domain/auth/operatorKeysSchema.ts). */
  LIFEBOAT_OPERATOR_KEYS: operatorKeysJsonSchema.optional(),
  /**
   * Trust x-ms-client-principal. Only behind App Service authentication, which replaces any client-supplied
   * copy of that header; without it anyone could send the header and claim any identity and role.
   */
  LIFEBOAT_TRUST_APP_SERVICE_AUTH: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['true', 'false'], { error: 'Expected true or false' }))
    .default('false')
    .transform((v) => v === 'true'),
  LIFEBOAT_CATALOG_DIR: z.string().min(1).default('catalog'),
  LIFEBOAT_PUBLIC_BASE_URL: optionalUrl('LIFEBOAT_PUBLIC_BASE_URL'),
  LIFEBOAT_SIGNING_KEY: optionalSecret,
  LIFEBOAT_SMTP_URL: optionalSecret,
  LIFEBOAT_MAIL_FROM: z.string().optional(),
  LIFEBOAT_TEAMS_WEBHOOK_URL: optionalSecret,
  LIFEBOAT_TASK_HUB: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{2,49}$/, 'a task hub name is 3-50 letters and digits')
    .default('lifeboat'),
  /** Cosmos DB: identity-based endpoint (production) or a connection string (local / tests). */
  LIFEBOAT_COSMOS__accountEndpoint: optionalUrl('LIFEBOAT_COSMOS__accountEndpoint'),
  LIFEBOAT_COSMOS_CONNECTION_STRING: optionalSecret,
  LIFEBOAT_COSMOS_DATABASE: z.string().min(1).default('lifeboat'),
  /** Service Bus: identity-based namespace (production) or a connection string (local / tests). */
  ServiceBusConnection__fullyQualifiedNamespace: z.string().optional(),
  ServiceBusConnection: optionalSecret,
  /**
   * Which identity the app's own Azure SDK clients sign in as. The host's convention for identity-based
   * connections: `<connection>__credential=managedidentity` and `<connection>__clientId` (a user-assigned
   * identity); AZURE_CLIENT_ID applies to every connection that names none (DefaultAzureCredential reads it too).
   */
  AZURE_CLIENT_ID: optionalClientId('AZURE_CLIENT_ID'),
  LIFEBOAT_COSMOS__credential: credentialKind,
  LIFEBOAT_COSMOS__clientId: optionalClientId('LIFEBOAT_COSMOS__clientId'),
  ServiceBusConnection__credential: credentialKind,
  ServiceBusConnection__clientId: optionalClientId('ServiceBusConnection__clientId'),
  /** Telemetry through OpenTelemetry to Application Insights (docs/azure-deployment.md, "Telemetry"). */
  APPLICATIONINSIGHTS_CONNECTION_STRING: z
    .string()
    .optional()
    .refine((v) => v === undefined || /(^|;)\s*InstrumentationKey\s*=/i.test(v), {
      message: 'an Application Insights connection string has InstrumentationKey=…',
    }),
  /** `Authorization=AAD;ClientId=<client id>`: ingestion with Entra ID, for resources with local auth off. */
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: z
    .string()
    .optional()
    .refine((v) => v === undefined || /(^|;)\s*Authorization\s*=\s*AAD\s*(;|$)/i.test(v), {
      message: 'expected Authorization=AAD and optionally ClientId=<client id>',
    }),
});

export const settingNames = Object.keys(settingsSchema.shape) as (keyof z.input<typeof settingsSchema>)[];

export type Settings = z.output<typeof settingsSchema>;

/**
 * How an Azure SDK client signs in: `managed-identity` when `…__credential=managedidentity` (Azure, the
 * production default), `default` otherwise (DefaultAzureCredential: environment, workload identity, managed
 * identity, developer tools). `clientId` picks a user-assigned identity.
 */
export interface AzureIdentity {
  readonly kind: 'managed-identity' | 'default';
  readonly clientId?: string;
}

export interface LifeboatConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly functionKey?: Secret;
  /** Defaults to the function key, so locally one key opens every function-level route. */
  readonly intakeKey?: Secret;
  /** Keys operators present on operator routes; empty when none are configured. */
  readonly operatorKeys: readonly OperatorKey[];
  /** Whether operator routes accept App Service authentication's x-ms-client-principal header. */
  readonly trustAppServiceAuth: boolean;
  readonly catalogDir: string;
  readonly publicBaseUrl?: string;
  readonly signingKey?: Secret;
  readonly smtpUrl?: Secret;
  readonly mailFrom?: string;
  readonly teamsWebhookUrl?: Secret;
  readonly taskHub: string;
  readonly store:
    | { readonly kind: 'embedded' }
    | {
        readonly kind: 'cosmos';
        readonly endpoint?: string;
        readonly connectionString?: Secret;
        readonly database: string;
        readonly identity: AzureIdentity;
      };
  readonly bus:
    | { readonly kind: 'embedded' }
    | {
        readonly kind: 'servicebus';
        readonly fullyQualifiedNamespace?: string;
        readonly connectionString?: Secret;
        readonly identity: AzureIdentity;
      };
  /** The identity for Azure calls that belong to no connection setting (ARM steps, Azure Monitor reads). */
  readonly identity: AzureIdentity;
  /** Set when APPLICATIONINSIGHTS_CONNECTION_STRING is: traces, metrics and logs go to Application Insights. */
  readonly telemetry?: {
    readonly connectionString: string;
    /** Entra ID ingestion (APPLICATIONINSIGHTS_AUTHENTICATION_STRING), as the identity it names. */
    readonly entraIdentity?: AzureIdentity;
  };
}

/** Parses the whitelisted settings; throws a ValidationError naming every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LifeboatConfig {
  const picked = Object.fromEntries(settingNames.map((name) => [name, emptyToUndefined(env[name])]));
  // The platform leaves a Key Vault reference it could not resolve as the reference text: that is never a
  // usable value (a webhook URL, a signing key), so it is refused by name instead of being used as one.
  const unresolved = settingNames.filter((name) => picked[name]?.trim().startsWith('@Microsoft.KeyVault('));
  if (unresolved.length > 0) {
    const details = unresolved.map((path) => ({
      path,
      message:
        'Key Vault reference not resolved: the secret is missing or the identity lacks Key Vault Secrets User',
    }));
    throw new ValidationError(
      `Invalid configuration: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
      details,
    );
  }
  const parsed = settingsSchema.safeParse(picked);
  if (!parsed.success) {
    // Messages and paths only: never the input, which for a secret setting is the secret.
    const details = parsed.error.issues.map((i) => ({ path: formatZodPath(i.path), message: i.message }));
    throw new ValidationError(
      `Invalid configuration: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
      details,
    );
  }
  const s = parsed.data;
  if (s.LIFEBOAT_SMTP_URL && !s.LIFEBOAT_MAIL_FROM?.trim()) {
    // Without a sender the email channel cannot send; falling back to the outbox would hide that.
    const details = [{ path: 'LIFEBOAT_MAIL_FROM', message: 'Required when LIFEBOAT_SMTP_URL is set' }];
    throw new ValidationError(
      'Invalid configuration: LIFEBOAT_MAIL_FROM: Required when LIFEBOAT_SMTP_URL is set',
      details,
    );
  }
  const cosmos = s.LIFEBOAT_COSMOS__accountEndpoint ?? s.LIFEBOAT_COSMOS_CONNECTION_STRING;
  const serviceBus = s.ServiceBusConnection__fullyQualifiedNamespace ?? s.ServiceBusConnection;
  return {
    port: s.LIFEBOAT_PORT,
    dataDir: s.LIFEBOAT_DATA_DIR,
    ...(s.LIFEBOAT_FUNCTION_KEY ? { functionKey: s.LIFEBOAT_FUNCTION_KEY } : {}),
    ...((s.LIFEBOAT_INTAKE_KEY ?? s.LIFEBOAT_FUNCTION_KEY)
      ? { intakeKey: s.LIFEBOAT_INTAKE_KEY ?? s.LIFEBOAT_FUNCTION_KEY }
      : {}),
    operatorKeys: s.LIFEBOAT_OPERATOR_KEYS ?? [],
    trustAppServiceAuth: s.LIFEBOAT_TRUST_APP_SERVICE_AUTH,
    catalogDir: s.LIFEBOAT_CATALOG_DIR,
    ...(s.LIFEBOAT_PUBLIC_BASE_URL ? { publicBaseUrl: s.LIFEBOAT_PUBLIC_BASE_URL } : {}),
    ...(s.LIFEBOAT_SIGNING_KEY ? { signingKey: s.LIFEBOAT_SIGNING_KEY } : {}),
    ...(s.LIFEBOAT_SMTP_URL ? { smtpUrl: s.LIFEBOAT_SMTP_URL } : {}),
    ...(s.LIFEBOAT_MAIL_FROM ? { mailFrom: s.LIFEBOAT_MAIL_FROM } : {}),
    ...(s.LIFEBOAT_TEAMS_WEBHOOK_URL ? { teamsWebhookUrl: s.LIFEBOAT_TEAMS_WEBHOOK_URL } : {}),
    taskHub: s.LIFEBOAT_TASK_HUB,
    store: cosmos
      ? {
          kind: 'cosmos',
          database: s.LIFEBOAT_COSMOS_DATABASE,
          ...(s.LIFEBOAT_COSMOS__accountEndpoint ? { endpoint: s.LIFEBOAT_COSMOS__accountEndpoint } : {}),
          ...(s.LIFEBOAT_COSMOS_CONNECTION_STRING
            ? { connectionString: s.LIFEBOAT_COSMOS_CONNECTION_STRING }
            : {}),
          identity: identityOf(
            s.LIFEBOAT_COSMOS__credential,
            s.LIFEBOAT_COSMOS__clientId ?? s.AZURE_CLIENT_ID,
          ),
        }
      : { kind: 'embedded' },
    bus: serviceBus
      ? {
          kind: 'servicebus',
          ...(s.ServiceBusConnection__fullyQualifiedNamespace
            ? { fullyQualifiedNamespace: s.ServiceBusConnection__fullyQualifiedNamespace }
            : {}),
          ...(s.ServiceBusConnection ? { connectionString: s.ServiceBusConnection } : {}),
          identity: identityOf(
            s.ServiceBusConnection__credential,
            s.ServiceBusConnection__clientId ?? s.AZURE_CLIENT_ID,
          ),
        }
      : { kind: 'embedded' },
    identity: identityOf(undefined, s.AZURE_CLIENT_ID),
    ...(s.APPLICATIONINSIGHTS_CONNECTION_STRING
      ? {
          telemetry: {
            connectionString: s.APPLICATIONINSIGHTS_CONNECTION_STRING,
            ...(s.APPLICATIONINSIGHTS_AUTHENTICATION_STRING
              ? { entraIdentity: entraIngestionIdentity(s.APPLICATIONINSIGHTS_AUTHENTICATION_STRING) }
              : {}),
          },
        }
      : {}),
  };
}

function identityOf(credential: 'managedidentity' | undefined, clientId: string | undefined): AzureIdentity {
  return {
    kind: credential === 'managedidentity' ? 'managed-identity' : 'default',
    ...(clientId ? { clientId } : {}),
  };
}

/** `Authorization=AAD;ClientId=…`: the managed identity (user-assigned when ClientId is given) that ingests. */
function entraIngestionIdentity(authentication: string): AzureIdentity {
  const clientId = /(?:^|;)\s*ClientId\s*=\s*([^;\s]+)/i.exec(authentication)?.[1];
  return identityOf('managedidentity', clientId);
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

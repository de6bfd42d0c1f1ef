// Whether the app runs in Azure App Service / Functions, told from the environment the platform sets: the host
// counts itself as App Service when WEBSITE_INSTANCE_ID is set (Dedicated, Premium, Windows Consumption), as a
// Linux container when CONTAINER_NAME is (Linux Consumption) — a name many container platforms set, so there
// it must come with the site's WEBSITE_SITE_NAME —, and as Flex Consumption when WEBSITE_SKU says so.
// FUNCTIONS_WORKER_RUNTIME is not required: Flex Consumption forbids it as an app setting, and the refusal
// must hold wherever the app runs on the platform. A placeholder (WEBSITE_PLACEHOLDER_MODE=1) runs no app yet.
// `npm start` and `func start` set none of these.
import type { LifeboatConfig } from './config';
import { NonRetryableError } from './errors';

type Env = Readonly<Record<string, string | undefined>>;

export function runsInAzure(env: Env): boolean {
  const set = (name: string) => Boolean(env[name]?.trim());
  if (env.WEBSITE_PLACEHOLDER_MODE === '1') return false;
  return (
    set('WEBSITE_INSTANCE_ID') ||
    (set('WEBSITE_SITE_NAME') && (set('CONTAINER_NAME') || env.WEBSITE_SKU === 'FlexConsumption'))
  );
}

/**
 * In Azure, the local stand-ins would lose work: the embedded store is a file each scaled-out instance sees
 * differently, only the local runtime drains the embedded queue (a 202 there is a lost alert), and the outbox
 * writes usable approval links into files and logs. Throws naming every setting to set; passes elsewhere.
 */
export function assertFitForAzure(config: LifeboatConfig, env: Env): void {
  if (!runsInAzure(env)) return;
  const missing: string[] = [];
  if (config.store.kind === 'embedded') {
    missing.push(
      'state: set LIFEBOAT_COSMOS__accountEndpoint (managed identity; role Cosmos DB Built-in Data Contributor) ' +
        'and LIFEBOAT_COSMOS_DATABASE, instead of the embedded store',
    );
  }
  if (config.bus.kind === 'embedded') {
    missing.push(
      'messages: set ServiceBusConnection__fullyQualifiedNamespace (managed identity; role Azure Service Bus ' +
        'Data Sender), instead of the embedded queue that only the local runtime drains',
    );
  }
  if (!config.smtpUrl || !config.mailFrom) {
    missing.push(
      'approval email: set LIFEBOAT_SMTP_URL and LIFEBOAT_MAIL_FROM, instead of the outbox that writes usable approval links to files and logs',
    );
  }
  if (!config.signingKey) {
    missing.push(
      'approval links: set LIFEBOAT_SIGNING_KEY (a Key Vault reference), never a generated dev key',
    );
  }
  if (missing.length > 0) {
    throw new NonRetryableError(
      `Lifeboat refuses to start under the Functions host in Azure with local stand-ins:\n- ${missing.join('\n- ')}`,
    );
  }
}

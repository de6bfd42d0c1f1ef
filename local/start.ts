// `npm start`: runs the app's real registrations in the local runtime on embedded defaults.
import path from 'node:path';
import { loadConfig } from '../shared/config';
import { ROLES } from '../shared/domain/auth/Role';
import { installFunctionsCoreResolver } from './functionsCore/installFunctionsCoreResolver';
import { generatedSecret } from './generatedSecret';
import { routeAuthLabel } from './routeAuthLabel';
import { LocalRuntime } from './LocalRuntime';
import { applyLocalSettings } from './localSettings';
import { startTwoRegionDemoApp, type RunningDemoApp } from './demo/TwoRegionDemoApp';

/** The repository root: this file runs as local/start.ts (tsx) or dist/local/start.js (built). */
const appRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

async function main(): Promise<void> {
  process.chdir(appRoot);
  applyLocalSettings(path.join(appRoot, 'local.settings.json'));
  const config = loadConfig();
  const dataDir = path.resolve(appRoot, config.dataDir);
  process.env.LIFEBOAT_DATA_DIR = dataDir;
  const key = config.functionKey?.reveal() ?? generatedSecret(dataDir, 'function-key').value;
  // The app checks some keys itself (the alert intake accepts a Bearer token), so it must see this one too.
  process.env.LIFEBOAT_FUNCTION_KEY = key;
  if (!process.env.LIFEBOAT_SIGNING_KEY) {
    // A development-only approval-link key; production configuration must set one.
    process.env.LIFEBOAT_SIGNING_KEY = generatedSecret(dataDir, 'dev-signing-key').value;
  }
  process.env.LIFEBOAT_TASK_HUB ??= config.taskHub;
  // The sample runbook authenticates to the demo automation API with this secret (an app setting).
  process.env.LIFEBOAT_DEMO_AUTOMATION_TOKEN ||= `Bearer ${generatedSecret(dataDir, 'demo-automation-token').value}`;
  let operatorKeyLine: string;
  if (!process.env.LIFEBOAT_OPERATOR_KEYS?.trim()) {
    // A development-only operator holding every role, so operator routes work out of the box; in Azure,
    // configure LIFEBOAT_OPERATOR_KEYS or App Service authentication (docs/operator-auth.md).
    const operatorKey = generatedSecret(dataDir, 'operator-key').value;
    process.env.LIFEBOAT_OPERATOR_KEYS = JSON.stringify([
      { key: operatorKey, name: 'local-operator', roles: [...ROLES] },
    ]);
    operatorKeyLine = `${operatorKey}   (Authorization: Bearer <key>; roles ${ROLES.join(', ')})`;
  } else {
    operatorKeyLine = `${config.operatorKeys.length} configured (LIFEBOAT_OPERATOR_KEYS)`;
  }

  // LIFEBOAT_APP_ENTRY lets tests host a test-only app; by default the app is package.json's "main" when
  // built, or its TypeScript source when this file itself runs from source (tsx).
  const runningBuilt = __filename.endsWith('.js');
  const entry = process.env.LIFEBOAT_APP_ENTRY
    ? path.resolve(appRoot, process.env.LIFEBOAT_APP_ENTRY)
    : runningBuilt
      ? path.resolve(appRoot, (require(path.join(appRoot, 'package.json')) as { main: string }).main)
      : path.join(appRoot, 'functions/index.ts');
  installFunctionsCoreResolver();
  const runtime = await LocalRuntime.start({
    dataDir,
    port: config.port,
    functionKey: key,
    hostJsonPath: path.join(appRoot, 'host.json'),
    appDirectory: appRoot,
    loadApp: () => {
      require(entry);
    },
    doubleExecution: process.env.LIFEBOAT_LOCAL_DOUBLE_EXECUTION === 'true',
    ...(process.env.LIFEBOAT_LOCAL_MAX_DELIVERY_COUNT
      ? { maxDeliveryCount: Number(process.env.LIFEBOAT_LOCAL_MAX_DELIVERY_COUNT) }
      : {}),
  });

  const demo = await startDemoApp(process.env.LIFEBOAT_DEMO_AUTOMATION_TOKEN, dataDir);

  console.log('');
  console.log(`Lifeboat local runtime listening on ${runtime.url}`);
  console.log(`  data directory: ${dataDir}`);
  console.log(`  function key:   ${key}   (send as ?code=<key> or the x-functions-key header)`);
  console.log(`  operator key:   ${operatorKeyLine}`);
  if (config.trustAppServiceAuth) {
    // Nothing here strips a client's x-ms-client-principal the way App Service authentication does.
    console.log(
      '  warning:        LIFEBOAT_TRUST_APP_SERVICE_AUTH=true, but locally any caller can forge the identity',
    );
  }
  console.log(
    `  functions:      ${runtime.catalog.functionCount} (${runtime.catalog.http.length} HTTP routes below; the rest are queue triggers, orchestrations and activities)`,
  );
  for (const fn of runtime.catalog.http) {
    console.log(
      `    ${fn.methods.join(',').padEnd(10)} ${runtime.url}/${runtime.hostConfig.routePrefix}/${fn.route}  [${routeAuthLabel(fn.route, fn.methods, fn.authLevel)}]`,
    );
  }
  console.log(
    `  console:        ${runtime.url}/${runtime.hostConfig.routePrefix}/console   (sign in with the operator key)`,
  );
  console.log(`  health:         curl ${runtime.url}/${runtime.hostConfig.routePrefix}/health`);
  if (demo) {
    console.log(
      '  demo app:       the simulated two-region orders-api the sample runbook fails over (docs/demo-app.md)',
    );
    console.log(`    primary   ${demo.urls.primary}/health   secondary ${demo.urls.secondary}/health`);
    console.log(`    state     curl ${demo.urls.automation}/demo/state`);
  }
  console.log('');

  const shutdown = (signal: string) => {
    console.log(`${signal} received; stopping (in-flight work finishes or resumes at the next start)`);
    Promise.all([runtime.stop(), demo?.close()])
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        console.error(err);
        process.exit(1);
      });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

/**
 * The demo app that the sample catalog's runbook calls, unless LIFEBOAT_DEMO_APP=false. It is a convenience:
 * when its ports are taken, the runtime runs on without it and says so.
 */
async function startDemoApp(automationToken: string, dataDir: string): Promise<RunningDemoApp | undefined> {
  if (process.env.LIFEBOAT_DEMO_APP?.trim().toLowerCase() === 'false') {
    return undefined;
  }
  try {
    // Its regions outlive a restart of npm start, as real ones would (an outage and a failover stay done).
    return await startTwoRegionDemoApp({ automationToken, stateFile: path.join(dataDir, 'demo-app.json') });
  } catch (err) {
    console.warn(
      `warning: the demo app did not start (${err instanceof Error ? err.message : String(err)}); the sample runbook's steps will fail. Set LIFEBOAT_DEMO_APP=false to skip it.`,
    );
    return undefined;
  }
}

main().catch((err: unknown) => {
  if ((err as { code?: unknown } | null)?.code === 'EADDRINUSE') {
    console.error(
      `${err instanceof Error ? err.message : String(err)}: the port is taken (another Lifeboat?). Set LIFEBOAT_PORT to another port, or 0 for a free one.`,
    );
    process.exit(1);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

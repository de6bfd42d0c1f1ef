// The `lifeboat` command line: catalog checks and runbook export work offline from the catalog files; the
// rest talk to a running Lifeboat over its HTTP API (--url / --key or LIFEBOAT_URL / LIFEBOAT_OPERATOR_KEY).
import { Command, CommanderError, Option } from 'commander';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findWorkload } from '../shared/domain/catalog/Catalog';
import type { IncidentSummary, IncidentView } from '../shared/domain/incident/incidentView';
import { OPERATOR_ACTIONS } from '../shared/domain/incident/operatorActions';
import { renderRunbookMarkdown } from '../shared/domain/report/renderRunbookMarkdown';
import { buildRunbookDocument } from '../shared/domain/report/runbookDocument';
import { runbookPageView } from '../shared/domain/report/runbookPageView';
import { renderPage } from '../functions/http/htmlResponse';
import { type CatalogCheck, checkCatalog, formatProblem } from './catalogProblems';
import { CliError, type CliIo } from './CliIo';
import { incidentDetail, incidentsTable } from './formatIncident';
import { LifeboatClient, type ServerOptions } from './LifeboatClient';
import { stampAlert } from './stampAlert';

const DEFAULT_CATALOG = 'catalog';

function withFilesFrom(cwd: string, root: string, checked: CatalogCheck): CatalogCheck {
  if (checked.ok) return checked;
  return {
    ok: false,
    problems: checked.problems.map((p) => ({
      ...p,
      file: p.file === root ? path.relative(cwd, root) || '.' : path.relative(cwd, path.join(root, p.file)),
    })),
  };
}

/** Runs one command line (argv without node and script); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof CliError) {
      io.err(`lifeboat: ${err.message}`);
      return err.exitCode;
    }
    throw err;
  }
}

function buildProgram(io: CliIo): Command {
  const program = new Command('lifeboat')
    .description(
      'Lifeboat DR activation orchestrator: catalog checks, printable runbooks, incidents and actions.',
    )
    .option('--url <url>', 'Lifeboat base URL (default LIFEBOAT_URL, else http://127.0.0.1:7071)')
    .option('--key <key>', 'operator key (default LIFEBOAT_OPERATOR_KEY)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  const client = () => LifeboatClient.from(program.opts<ServerOptions>(), io);
  const json = (value: unknown) => io.out(JSON.stringify(value, null, 2));
  const resolve = (dir: string) => path.resolve(io.cwd, dir);
  const catalogDir = (dir: string | undefined) =>
    resolve(dir ?? io.env.LIFEBOAT_CATALOG_DIR ?? DEFAULT_CATALOG);

  const catalog = program.command('catalog').description('Work with catalog files');
  catalog
    .command('validate [dir]')
    .description(
      'Validate a catalog directory: every problem as file:line: path: message, exit code 1 if any',
    )
    .option('--json', 'problems as JSON')
    .action((dir: string | undefined, options: { json?: boolean }) => {
      const root = catalogDir(dir);
      // Files are named from where the command runs, so editors and CI annotations can open them.
      const checked = withFilesFrom(io.cwd, root, checkCatalog(root));
      if (options.json) {
        json(
          checked.ok
            ? {
                ok: true,
                workloads: checked.catalog.workloads.length,
                runbooks: checked.catalog.runbooks.length,
              }
            : { ok: false, problems: checked.problems },
        );
      } else if (checked.ok) {
        io.out(
          `Catalog OK: ${checked.catalog.workloads.length} workload(s), ${checked.catalog.runbooks.length} runbook(s).`,
        );
      } else {
        for (const problem of checked.problems) io.err(formatProblem(problem));
        io.err(`${checked.problems.length} problem(s).`);
      }
      if (!checked.ok) throw new CliError('the catalog is invalid', 1);
    });

  program
    .command('runbook')
    .description('Printable runbooks')
    .command('export <workload>')
    .description('Write the printable DR runbook of a workload from the catalog files (no server needed)')
    .addOption(new Option('--format <format>', 'md or html').choices(['md', 'html']).default('md'))
    .option('--out <dir>', 'directory to write into', '.')
    .option('--catalog <dir>', 'catalog directory (default LIFEBOAT_CATALOG_DIR, else ./catalog)')
    .action((workloadId: string, options: { format: 'md' | 'html'; out: string; catalog?: string }) => {
      const checked = checkCatalog(catalogDir(options.catalog));
      if (!checked.ok) {
        for (const problem of checked.problems) io.err(formatProblem(problem));
        throw new CliError('the catalog is invalid; fix it first (lifeboat catalog validate)');
      }
      const workload = findWorkload(checked.catalog, workloadId);
      if (workload === undefined) {
        throw new CliError(
          `No workload '${workloadId}' in the catalog. Workloads: ${checked.catalog.workloads.map((w) => w.id).join(', ') || 'none'}.`,
        );
      }
      const doc = buildRunbookDocument(workload, checked.catalog);
      const text =
        options.format === 'md'
          ? renderRunbookMarkdown(doc)
          : renderPage('workload-runbook', runbookPageView(doc));
      const out = resolve(options.out);
      mkdirSync(out, { recursive: true });
      const file = path.join(out, `${workload.id}-runbook.${options.format}`);
      writeFileSync(file, text);
      io.out(`Wrote ${file}`);
    });

  program
    .command('incidents')
    .description('List incidents, newest first')
    .option('--status <statuses>', 'comma-separated statuses')
    .option('--workload <id>', 'one workload')
    .option('--mode <mode>', 'live or drill')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'the API answer as JSON')
    .action(
      async (options: {
        status?: string;
        workload?: string;
        mode?: string;
        limit: string;
        json?: boolean;
      }) => {
        const query = new URLSearchParams({ limit: options.limit });
        if (options.status) query.set('status', options.status);
        if (options.workload) query.set('workload', options.workload);
        if (options.mode) query.set('mode', options.mode);
        const page = (await client().get(`incidents?${query.toString()}`)) as { items: IncidentSummary[] };
        if (options.json) json(page);
        else io.out(incidentsTable(page.items));
      },
    );

  program
    .command('incident <id>')
    .description('One incident: status, RTO clock, steps and the latest timeline')
    .option('--json', 'the API answer as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const view = (await client().get(`incidents/${encodeURIComponent(id)}`)) as IncidentView;
      if (options.json) json(view);
      else io.out(incidentDetail(view));
    });

  program
    .command('action <id> <action>')
    .description(`Take an operator action: ${OPERATOR_ACTIONS.join(', ')}`)
    .option('--comment <text>', 'why (recorded on the timeline)')
    .option('--step <stepId>', 'the step meant (confirm-step, retry-step, skip-step)')
    .option('--json', 'the API answer as JSON')
    .action(
      async (id: string, action: string, options: { comment?: string; step?: string; json?: boolean }) => {
        if (!(OPERATOR_ACTIONS as readonly string[]).includes(action)) {
          throw new CliError(`Unknown action '${action}'. Actions: ${OPERATOR_ACTIONS.join(', ')}.`);
        }
        const answer = (await client().postAsOperator(
          `incidents/${encodeURIComponent(id)}/actions/${action}`,
          {
            ...(options.comment ? { comment: options.comment } : {}),
            ...(options.step ? { stepId: options.step } : {}),
          },
        )) as { actor?: string; status?: string; note?: string };
        if (options.json) json(answer);
        else
          io.out(
            `Accepted: ${action} on ${id} by ${answer.actor ?? 'you'}${answer.note ? `. ${answer.note}` : ''}`,
          );
      },
    );

  program
    .command('alert')
    .description('Alerts')
    .command('send <file>')
    .description('POST an alert payload (any intake format) to /api/alerts, its times stamped now')
    .option('--no-stamp', 'send the times in the file as they are')
    .option('--intake-key <key>', 'intake key (default LIFEBOAT_INTAKE_KEY, else LIFEBOAT_FUNCTION_KEY)')
    .option('--json', 'the API answer as JSON')
    .action(async (file: string, options: { stamp: boolean; intakeKey?: string; json?: boolean }) => {
      let payload: unknown;
      try {
        payload = JSON.parse(readFileSync(resolve(file), 'utf8'));
      } catch (err) {
        throw new CliError(
          `Cannot read ${file} as JSON: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      const body = options.stamp ? stampAlert(payload, io.now()).payload : payload;
      const answer = (await LifeboatClient.from(
        { ...program.opts<ServerOptions>(), ...(options.intakeKey ? { intakeKey: options.intakeKey } : {}) },
        io,
      ).postAlert(body)) as { accepted: number; alerts: { id: string; workloadId?: string | null }[] };
      if (options.json) json(answer);
      else {
        io.out(
          `Accepted ${answer.accepted} alert(s): ${answer.alerts.map((a) => `${a.id} → ${a.workloadId ?? 'unrouted'}`).join(', ')}`,
        );
      }
    });
  return program;
}

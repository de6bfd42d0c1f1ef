// The printable runbook as Markdown: for the wiki, a git repository, or a printout kept with the on-call kit.
// Step instructions are the catalog author's own Markdown and are kept as written.
import { codeBlockText, markdownText as md } from './markdownText';
import type { RunbookDocument } from './runbookDocument';

export function renderRunbookMarkdown(doc: RunbookDocument): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  push(`# DR runbook: ${md(doc.workloadName)} (${md(doc.workloadId)})`, '');
  push(
    'Everything needed to run this DR plan by hand if Lifeboat itself is down. Generated from the catalog; secrets are named, never shown.',
    '',
  );
  if (doc.description) push(md(doc.description), '');
  push(
    `- **Tier**: ${doc.tier} (${doc.tierName})`,
    `- **RTO / RPO**: ${doc.rto} / ${doc.rpo}`,
    `- **Strategy**: ${doc.strategy}`,
    `- **Regions**: primary ${md(doc.regions.primary)}, secondary ${md(doc.regions.secondary)}`,
    `- **Services**: ${md(doc.services.join(', '))}`,
    ...(doc.owner ? [`- **Owner**: ${md(doc.owner)}`] : []),
    '',
  );
  push('## Contact matrix', '', '| role | name | email | Teams |', '| --- | --- | --- | --- |');
  for (const { role, people } of doc.contacts) {
    for (const p of people)
      push(`| ${md(role)} | ${md(p.name)} | ${md(p.email ?? '')} | ${md(p.teams ?? '')} |`);
  }
  push('', '## When to activate', '');
  for (const line of doc.activateWhen) push(`${'  '.repeat(line.depth)}- ${md(line.text)}`);
  push('', md(doc.dismissWhen), '', '## Who approves', '');
  push(...doc.approval.map((line) => `- ${md(line)}`), '');
  if (doc.secrets.length > 0) {
    push(
      '## Secrets you will need',
      '',
      'App settings (Key Vault) the steps read; export each before running the commands:',
      '',
    );
    push(...doc.secrets.map((name) => `- \`${name}\``), '');
  }
  for (const section of doc.runbooks) {
    push(`## ${section.title}: ${md(section.name)}`, '', `Runbook \`${section.runbookId}\`.`, '');
    if (section.description) push(md(section.description), '');
    for (const step of section.steps) {
      push(`### ${step.number}. ${md(step.name)} (\`${step.id}\`, ${step.type})`, '');
      push(`- [ ] ${md(step.action)}`, `- ${md(step.limits)}`, `- ${md(step.onFailure)}`, '');
      if (step.instructions) push(step.instructions.trim(), '');
      if (step.command) push('~~~sh', codeBlockText(step.command), '~~~', '');
    }
  }
  if (doc.runbooks.length === 0) push('## Runbooks', '', 'This workload has no runbook in the catalog.', '');
  push('## Health checks and validation', '');
  if (doc.healthChecks.length === 0) push('No health checks are defined.', '');
  for (const check of doc.healthChecks) {
    push(
      `- **${md(check.region)}, ${md(check.name)}**: ${md(check.check)}`,
      '',
      '  ~~~sh',
      `  ${codeBlockText(check.command)}`,
      '  ~~~',
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

// What the printable runbook template needs beyond the document: flattened contact rows and flags.
import type { RunbookDocument } from './runbookDocument';

export function runbookPageView(doc: RunbookDocument) {
  return {
    ...doc,
    servicesText: doc.services.join(', '),
    contactRows: doc.contacts.flatMap(({ role, people }) =>
      people.map((p) => ({ role, name: p.name, email: p.email ?? '', teams: p.teams ?? '' })),
    ),
    activateWhen: doc.activateWhen.map((line) => ({ ...line, indent: line.depth * 1.5 })),
    hasSecrets: doc.secrets.length > 0,
    // Explicitly empty, so Mustache does not fall back to the workload's description.
    runbooks: doc.runbooks.map((section) => ({ ...section, description: section.description ?? '' })),
  };
}

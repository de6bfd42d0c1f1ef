// Turns an evaluated tree into the short list of reasons approvers read in Teams and email.
import { type EvaluatedCondition } from './evaluateCondition';

/** The leaves that make a met tree true: every child of a met all, the met children of a met any. */
export function explainMet(node: EvaluatedCondition): string[] {
  switch (node.kind) {
    case 'all':
      return unique(node.children.flatMap(explainMet));
    case 'any':
      return unique(node.children.filter((child) => child.met).flatMap(explainMet));
    case 'not':
    case 'leaf':
      return [node.reason];
  }
}

/**
 * What an unmet tree still needs: each unmet condition of an all on its own line; the alternatives of an
 * unmet any on one line ("none of these yet: A; B; C"), since any one of them would do.
 */
export function explainUnmet(node: EvaluatedCondition): string[] {
  switch (node.kind) {
    case 'all':
      return unique(node.children.filter((child) => !child.met).flatMap(explainUnmet));
    case 'any': {
      const [only, ...others] = node.children;
      if (only !== undefined && others.length === 0) {
        return explainUnmet(only);
      }
      return [`none of these yet: ${node.children.map((child) => joined(explainUnmet(child))).join('; ')}`];
    }
    case 'not':
    case 'leaf':
      return [node.reason];
  }
}

/** Lines that must all hold, as one alternative. */
function joined(lines: readonly string[]): string {
  return lines.length === 1 ? (lines[0] ?? '') : `(${lines.join(' and ')})`;
}

function unique(lines: readonly string[]): string[] {
  return [...new Set(lines)];
}

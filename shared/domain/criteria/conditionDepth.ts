// Limits how deeply any / all / not may nest, checked on the raw input so no input is too deep to parse.

/** Levels of one condition tree, the root condition being level 1 and its any / all / not children level 2. */
export const MAX_CONDITION_DEPTH = 8;

export interface TooDeep {
  /** Path from the tree's root to the first condition past the limit, e.g. `['all', 0, 'not']`. */
  readonly path: (string | number)[];
  readonly level: number;
}

/**
 * The first condition (depth first, in document order) below MAX_CONDITION_DEPTH levels, or undefined.
 * Iterative, so a hostile input nested thousands of levels deep cannot exhaust the stack here.
 */
export function findTooDeepCondition(root: unknown): TooDeep | undefined {
  const stack: { node: unknown; path: (string | number)[]; level: number }[] = [
    { node: root, path: [], level: 1 },
  ];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { node, path, level } = entry;
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      continue;
    }
    if (level > MAX_CONDITION_DEPTH) {
      return { path, level };
    }
    const children = childrenOf(node as Readonly<Record<string, unknown>>, path);
    // Pushed in reverse so the first child is visited first.
    for (const child of children.reverse()) {
      stack.push({ ...child, level: level + 1 });
    }
  }
  return undefined;
}

function childrenOf(
  node: Readonly<Record<string, unknown>>,
  path: readonly (string | number)[],
): { node: unknown; path: (string | number)[] }[] {
  const children: { node: unknown; path: (string | number)[] }[] = [];
  for (const key of ['any', 'all'] as const) {
    const list = Object.hasOwn(node, key) ? node[key] : undefined;
    if (Array.isArray(list)) {
      list.forEach((child: unknown, index) => children.push({ node: child, path: [...path, key, index] }));
    }
  }
  if (Object.hasOwn(node, 'not')) {
    children.push({ node: node.not, path: [...path, 'not'] });
  }
  return children;
}

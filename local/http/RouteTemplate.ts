// ASP.NET-style route templates as Azure Functions uses them: literals, {name}, {name?}, {name:constraint}
// and a trailing {*catchAll}; literals outrank parameters when several routes match.

type Segment =
  | { kind: 'literal'; value: string }
  | { kind: 'param'; name: string; optional: boolean; constraint?: string }
  | { kind: 'catchAll'; name: string };

const constraints: Record<string, RegExp> = {
  int: /^-?\d+$/,
  long: /^-?\d+$/,
  bool: /^(true|false)$/i,
  alpha: /^[a-z]+$/i,
  guid: /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i,
  double: /^-?\d+(\.\d+)?$/,
  float: /^-?\d+(\.\d+)?$/,
};

export class RouteTemplate {
  private readonly segments: Segment[];
  /** Lower sorts first: per segment 0 literal, 1 constrained, 2 parameter, 3 optional, 4 catch-all. */
  readonly rank: number[];

  constructor(readonly template: string) {
    this.segments = template
      .split('/')
      .filter((s) => s !== '')
      .map(parseSegment);
    this.rank = this.segments.map((s) =>
      s.kind === 'literal' ? 0 : s.kind === 'catchAll' ? 4 : s.optional ? 3 : s.constraint ? 1 : 2,
    );
  }

  /** Matches decoded path segments; returns the parameters or undefined. */
  match(pathSegments: readonly string[]): Record<string, string> | undefined {
    const params: Record<string, string> = {};
    for (let i = 0; i < this.segments.length; i++) {
      const segment = this.segments[i];
      const value = pathSegments[i];
      if (!segment) {
        return undefined;
      }
      if (segment.kind === 'catchAll') {
        params[segment.name] = pathSegments.slice(i).join('/');
        return params;
      }
      if (value === undefined) {
        return segment.kind === 'param' && segment.optional ? params : undefined;
      }
      if (segment.kind === 'literal') {
        if (segment.value.toLowerCase() !== value.toLowerCase()) {
          return undefined;
        }
      } else {
        const pattern = segment.constraint ? constraints[segment.constraint] : undefined;
        if (pattern && !pattern.test(value)) {
          return undefined;
        }
        params[segment.name] = value;
      }
    }
    return pathSegments.length === this.segments.length ? params : undefined;
  }
}

export function compareRouteRank(a: RouteTemplate, b: RouteTemplate): number {
  for (let i = 0; i < Math.max(a.rank.length, b.rank.length); i++) {
    const ra = a.rank[i] ?? -1;
    const rb = b.rank[i] ?? -1;
    if (ra !== rb) {
      return ra - rb;
    }
  }
  return 0;
}

function parseSegment(raw: string): Segment {
  const param = /^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+)(?:\([^)]*\))?)?(\?)?\}$/.exec(raw);
  if (!param) {
    if (raw.includes('{') || raw.includes('}')) {
      throw new Error(`Unsupported route segment "${raw}".`);
    }
    return { kind: 'literal', value: raw };
  }
  const [, star, name = '', constraint, optional] = param;
  if (star) {
    return { kind: 'catchAll', name };
  }
  return { kind: 'param', name, optional: optional === '?', ...(constraint ? { constraint } : {}) };
}

// The catalog's glob language for routing rules: `*` is any run of characters except "/", `**` any run at all.

const REGEX_SPECIALS = /[.+?^${}()|[\]\\]/g;

/** Compiles a glob to an anchored, case-insensitive RegExp; every character other than `*` is literal. */
export function compileGlob(glob: string): RegExp {
  let source = '';
  for (const part of glob.split(/(\*\*|\*)/)) {
    if (part === '**') {
      source += '.*';
    } else if (part === '*') {
      source += '[^/]*';
    } else {
      source += part.replace(REGEX_SPECIALS, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'i');
}

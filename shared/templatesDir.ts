// Where the message and page templates ship: `templates/` at the repository root (next to `catalog/`),
// found from this file whether it runs from source or from `dist/`.
import path from 'node:path';

export const TEMPLATES_DIR = path.resolve(
  __dirname,
  __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../templates' : '../templates',
);

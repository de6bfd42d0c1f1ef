#!/usr/bin/env node
// Runs the built CLI (dist/cli/main.js); `npm run build` (or `npm start`) makes it.
const path = require('node:path');
const { existsSync } = require('node:fs');

const built = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!existsSync(built)) {
  process.stderr.write(
    'lifeboat: the CLI is not built yet: run `npm run build` in the Lifeboat directory.\n',
  );
  process.exit(1);
}
require(built);

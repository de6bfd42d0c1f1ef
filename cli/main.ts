#!/usr/bin/env node
// The `lifeboat` executable (package.json "bin" through bin/lifeboat.js).
import { processIo } from './CliIo';
import { runCli } from './program';

runCli(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`lifeboat: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);

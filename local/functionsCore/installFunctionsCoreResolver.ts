// Makes `require('@azure/functions-core')` resolve to our stand-in, as the Functions worker does for the
// real module. Must run before the app (and so `@azure/functions`) is first loaded.
import Module from 'node:module';

const coreModuleName = '@azure/functions-core';
let installed = false;

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;

export function installFunctionsCoreResolver(): void {
  if (installed) {
    return;
  }
  installed = true;
  const moduleWithResolver = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = moduleWithResolver._resolveFilename;
  const target = require.resolve('./functionsCoreModule');
  moduleWithResolver._resolveFilename = function (request, parent, isMain, options) {
    if (request === coreModuleName) {
      return target;
    }
    return original.call(this, request, parent, isMain, options);
  };
}

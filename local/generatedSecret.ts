// Development secrets the local runtime generates once into the data directory (never used in Azure).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function generatedSecret(dataDir: string, fileName: string): { value: string; created: boolean } {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, fileName);
  if (existsSync(file)) {
    return { value: readFileSync(file, 'utf8').trim(), created: false };
  }
  const value = randomBytes(32).toString('base64url');
  writeFileSync(file, value, { mode: 0o600 });
  return { value, created: true };
}

// Applies local.settings.json "Values" to the environment, as `func start` does; real env vars win.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const localSettingsSchema = z.looseObject({
  IsEncrypted: z.boolean().optional(),
  Values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});

export function applyLocalSettings(file: string, env: NodeJS.ProcessEnv = process.env): string[] {
  if (!existsSync(file)) {
    return [];
  }
  const parsed = localSettingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  if (parsed.data.IsEncrypted === true) {
    throw new Error(`${file} is encrypted; the local runtime reads plain settings only.`);
  }
  const applied: string[] = [];
  for (const [name, value] of Object.entries(parsed.data.Values)) {
    if (env[name] === undefined) {
      env[name] = String(value);
      applied.push(name);
    }
  }
  return applied;
}

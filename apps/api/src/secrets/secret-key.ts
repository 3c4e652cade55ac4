import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { generateSecretKey } from '@conflux/engine';
import type { Settings } from '../config/settings';

export const SECRET_KEY_FILE = 'secret.key';

/**
 * The key that seals stored secrets: CONFLUX_SECRET_KEY, or a key generated on first start
 * into the data folder (the embedded default). Several API or worker machines must share
 * one key, so they set CONFLUX_SECRET_KEY.
 */
export async function resolveSecretKey(settings: Settings, log: Logger): Promise<string> {
  if (settings.secrets.key) return settings.secrets.key;
  const file = path.join(settings.dataDir, SECRET_KEY_FILE);
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(settings.dataDir, { recursive: true });
  const key = generateSecretKey();
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    // Another process wrote it first: use theirs.
    if (error.code !== 'EEXIST') throw error;
  });
  log.info({ file }, 'generated a secret key for stored credentials');
  return (await readFile(file, 'utf8')).trim();
}

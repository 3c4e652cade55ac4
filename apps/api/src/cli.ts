import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createSecretBox, generateSecretKey } from '@conflux/engine';
import { bootDatabase, createLog, Shutdown } from './boot';
import { loadSettings } from './config/settings';
import { resolveSecretKey, SECRET_KEY_FILE } from './secrets/secret-key';
import { rotateSecretKey } from './secrets/rotate-secret-key';

const USAGE = `usage: npm run conflux -- <command>

commands:
  rotate-secret-key [--new-key <base64>]   re-encrypt every stored secret under a new key
                                           (generated when not given)`;

/** `npm run conflux -- ...`: administrative commands against the configured database. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'rotate-secret-key') return rotate(rest);
  console.error(USAGE);
  return 2;
}

async function rotate(args: string[]): Promise<number> {
  const flag = args.indexOf('--new-key');
  const newKey = flag >= 0 ? args[flag + 1] : generateSecretKey();
  if (!newKey) {
    console.error('--new-key needs a value (32 bytes, base64).');
    return 2;
  }
  const settings = loadSettings();
  const log = createLog({ logLevel: 'warn' });
  const { database, prisma } = await bootDatabase(settings, log, new Shutdown(log));
  try {
    const oldKey = await resolveSecretKey(settings, log);
    const newBox = createSecretBox(newKey);
    const keyFile = path.join(settings.dataDir, SECRET_KEY_FILE);
    const keyFromFile = !settings.secrets.key && existsSync(keyFile);
    // Write the new key beside the old one first: a crash after the commit must not lose it.
    if (keyFromFile) await writeFile(`${keyFile}.new`, `${newKey}\n`, { mode: 0o600 });
    const report = await rotateSecretKey(prisma, createSecretBox(oldKey), newBox);
    if (keyFromFile) await rename(`${keyFile}.new`, keyFile);
    console.log(`Re-encrypted ${report.secrets} secret(s) of ${report.connectors} connector(s) under key ${newBox.keyId}.`);
    console.log(
      keyFromFile
        ? `The new key is in ${keyFile}. Restart Conflux.`
        : `Set CONFLUX_SECRET_KEY=${newKey} on every API and worker machine and restart them.`,
    );
    return 0;
  } finally {
    await prisma.$disconnect();
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { HttpException } from '@nestjs/common';
import { BUNDLE_MAX_BYTES, type ImportBundleRequest, type ImportPlan, type ValidationIssue } from '@conflux/contracts';
import path from 'node:path';
import { createSecretBox, generateSecretKey } from '@conflux/engine';
import { bootDatabase, createLog, Shutdown } from './boot';
import { loadSettings } from './config/settings';
import { resolveSecretKey, SECRET_KEY_FILE } from './secrets/secret-key';
import { rotateSecretKey } from './secrets/rotate-secret-key';
import { exportBundle } from './bundles/bundle-export';
import { applyImport, planImport } from './bundles/bundle-import';

const USAGE = `usage: npm run conflux -- <command>

commands:
  rotate-secret-key [--new-key <base64>]   re-encrypt every stored secret under a new key
                                           (generated when not given)
  export --component <key> [--component <key>...] [--records] [--out <file>]
                                           write a bundle of the components and what they
                                           need (secrets never); stdout without --out
  import <bundle.json> [--secret <system>/<connector>:<name>=<value>]...
                       [--override <system>/<connector>:baseUrl=<url>]... [--dry-run]
                                           print the plan, then apply it in one transaction
                                           (--dry-run: print only). <name> is auth.value,
                                           auth.token, auth.password, auth.clientSecret or
                                           header:<name>; a value @env:VAR reads $VAR`;

/** `npm run conflux -- ...`: administrative commands against the configured database. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'rotate-secret-key') return rotate(rest);
  if (command === 'export') return exportCommand(rest);
  if (command === 'import') return importCommand(rest);
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

/** Every value of a repeated flag (`--component a --component b`). */
function flagValues(args: string[], name: string): string[] | null {
  const values: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] !== name) continue;
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) return null;
    values.push(value);
  }
  return values;
}

/** Opens the configured database and the secret box for one command, and closes them after. */
async function withInstallation<T>(work: (db: Awaited<ReturnType<typeof bootDatabase>>, box: ReturnType<typeof createSecretBox>) => Promise<T>): Promise<T> {
  const settings = loadSettings();
  const log = createLog({ logLevel: 'warn' });
  const booted = await bootDatabase(settings, log, new Shutdown(log));
  try {
    const box = createSecretBox(await resolveSecretKey(settings, log), { previousKeys: settings.secrets.previousKeys });
    return await work(booted, box);
  } finally {
    await booted.prisma.$disconnect();
    await booted.database.stop();
  }
}

/** A 400 with issues, a 409 or another refusal of the bundle code, as lines a terminal can show. */
function reportRefusal(error: unknown): number | null {
  if (!(error instanceof HttpException)) return null;
  const body = error.getResponse() as { message?: string; issues?: ValidationIssue[] };
  console.error(body.message ?? error.message);
  for (const issue of body.issues ?? []) console.error(`  ${issue.path.join('.') || '(the file)'}: ${issue.message}`);
  return error.getStatus() === 409 ? 3 : 1;
}

async function exportCommand(args: string[]): Promise<number> {
  const components = flagValues(args, '--component');
  const out = flagValues(args, '--out');
  if (!components?.length || out === null || out.length > 1) {
    console.error('usage: npm run conflux -- export --component <key> [--component <key>...] [--records] [--out <file>]');
    return 2;
  }
  return withInstallation(async ({ prisma }) => {
    try {
      const bundle = await exportBundle(prisma, { components, includeRecords: args.includes('--records') });
      const text = `${JSON.stringify(bundle, null, 2)}\n`;
      for (const warning of bundle.warnings ?? []) console.error(`warning: ${warning}`);
      if (out[0]) {
        await writeFile(out[0], text);
        console.error(`Wrote ${out[0]}: ${bundle.components.length} component(s), ${bundle.dataflows.length} dataflow(s), ${bundle.systems.length} system(s).`);
      } else process.stdout.write(text);
      return 0;
    } catch (error) {
      const code = reportRefusal(error);
      if (code === null) throw error;
      return code;
    }
  });
}

/** `<system>/<connector>:<name>=<value>` */
function parseAssignment(text: string): { connector: string; name: string; value: string } | null {
  const match = /^([^:\s]+\/[^:\s]+):([^=]+)=(.*)$/s.exec(text);
  if (!match) return null;
  let value = match[3]!;
  if (value.startsWith('@env:')) value = process.env[value.slice(5)] ?? '';
  return { connector: match[1]!, name: match[2]!, value };
}

function printPlan(plan: ImportPlan): void {
  const width = Math.max(10, ...plan.items.map((item) => item.key.length)) + 2;
  console.log(`Plan for a bundle of format version ${plan.formatVersion}${plan.upgradedFrom !== null ? ` (upgraded from ${plan.upgradedFrom})` : ''}:`);
  for (const item of plan.items) {
    const detail = item.action === 'conflict' ? item.message ?? '' : item.changes.join(', ');
    console.log(`  ${item.action.padEnd(10)} ${item.type.padEnd(10)} ${item.key.padEnd(width)} ${detail}`.trimEnd());
  }
  if (plan.secrets.length) {
    console.log('Secrets:');
    for (const secret of plan.secrets) {
      const state = secret.provided ? 'provided' : secret.stored ? 'already stored (kept)' : 'MISSING: pass --secret';
      console.log(`  ${secret.connector}:${secret.name}  ${state}`);
    }
  }
  for (const warning of plan.warnings) console.log(`warning: ${warning}`);
  const { create, update, unchanged, conflict } = plan.counts;
  console.log(`${create} to create, ${update} to update, ${unchanged} unchanged, ${conflict} conflict(s).`);
}

async function importCommand(args: string[]): Promise<number> {
  const file = args[0];
  const secretFlags = flagValues(args, '--secret');
  const overrideFlags = flagValues(args, '--override');
  const usage = 'usage: npm run conflux -- import <bundle.json> [--secret <system>/<connector>:<name>=<value>]... [--override <system>/<connector>:baseUrl=<url>]... [--dry-run]';
  if (!file || file.startsWith('--') || !secretFlags || !overrideFlags) {
    console.error(usage);
    return 2;
  }
  const request: ImportBundleRequest = { bundle: undefined, secrets: {}, overrides: {} };
  for (const flag of secretFlags) {
    const assignment = parseAssignment(flag);
    if (!assignment) {
      console.error(`--secret ${flag}: use <system>/<connector>:<name>=<value>`);
      return 2;
    }
    (request.secrets![assignment.connector] ??= {})[assignment.name] = assignment.value;
  }
  for (const flag of overrideFlags) {
    const assignment = parseAssignment(flag);
    if (!assignment || assignment.name !== 'baseUrl') {
      console.error(`--override ${flag}: use <system>/<connector>:baseUrl=<url>`);
      return 2;
    }
    request.overrides![assignment.connector] = { baseUrl: assignment.value };
  }
  const size = (await stat(file)).size;
  if (size > BUNDLE_MAX_BYTES) {
    console.error(`${file} is ${(size / 1024 / 1024).toFixed(1)} MB; bundles are at most ${BUNDLE_MAX_BYTES / 1024 / 1024} MB.`);
    return 1;
  }
  try {
    request.bundle = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    console.error(`${file} is not valid JSON (is the file complete?): ${error instanceof Error ? error.message : error}`);
    return 1;
  }
  const dryRun = args.includes('--dry-run');
  return withInstallation(async ({ prisma }, box) => {
    try {
      const plan = await planImport(prisma, box, request);
      printPlan(plan);
      if (dryRun) {
        console.log('Dry run: nothing was written.');
        return plan.canApply ? 0 : 3;
      }
      if (!plan.canApply) {
        console.error('Nothing was imported: resolve the conflicts first.');
        return 3;
      }
      const result = await applyImport(prisma, box, request, { userId: null, via: 'cli' });
      console.log(`Imported in one transaction (import ${result.importId} at ${result.importedAt}).`);
      return 0;
    } catch (error) {
      const code = reportRefusal(error);
      if (code === null) throw error;
      return code;
    }
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

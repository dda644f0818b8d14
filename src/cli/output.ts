import { access, constants, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../core/options.js';
import type { AuditReport } from '../core/model.js';
import { formatReports, type FormatName } from '../reporters/index.js';

/** Print or save reports in the chosen format. */
export async function writeReports(reports: readonly AuditReport[], format: FormatName, output?: string): Promise<void> {
  const text = formatReports(format, reports);
  if (output) await writeFileNamingFlag(output, text, '--output');
  else process.stdout.write(text);
}

/** Write a file; a failure is bad usage that names the flag (exit 2), not a crash. */
export async function writeFileNamingFlag(file: string, text: string, flag: string): Promise<void> {
  try {
    await writeFile(file, text, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot write ${flag} ${file}: ${error instanceof Error ? error.message : String(error)}`, flag);
  }
}

/**
 * Fail before a long audit when an output file could not be written afterwards: it must not be a
 * folder, and it (or, when it does not exist yet, its folder) must be writable.
 */
export async function assertWritable(file: string | undefined, flag: string): Promise<void> {
  if (!file) return;
  const path = resolve(file);
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new ConfigError(`Cannot write ${flag} ${file}: it is a folder; give a file name inside it`, flag);
  try {
    await access(existing ? path : dirname(path), constants.W_OK);
  } catch {
    throw new ConfigError(
      existing ? `Cannot write ${flag} ${file}: the file is not writable` : `Cannot write ${flag} ${file}: its folder does not exist or is not writable`,
      flag,
    );
  }
  const folder = existing ? undefined : await stat(dirname(path)).catch(() => undefined);
  if (folder && !folder.isDirectory()) throw new ConfigError(`Cannot write ${flag} ${file}: ${dirname(file)} is not a folder`, flag);
}

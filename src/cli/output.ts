import { existsSync } from 'node:fs';
import { access, constants, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../core/options.js';
import type { AuditReport } from '../core/model.js';
import { slugOf, uniqueSlugs } from '../core/slug.js';
import { formatReports, reporters, type ConfigFileRef, type FormatName, type FormatOptions } from '../reporters/index.js';

/** Where reports go: standard output, one file (`--output`), or a folder (`--output-dir`). */
export interface OutputTarget {
  formats: readonly FormatName[];
  output?: string | undefined;
  outputDir?: string | undefined;
}

/**
 * Check the output flags together, before anything is collected: several formats need a folder,
 * and a folder and a single file exclude each other. Errors name the flags (exit 2).
 */
export async function assertOutputTarget(target: OutputTarget): Promise<void> {
  if (target.output && target.outputDir) {
    throw new ConfigError('Give either --output (one file) or --output-dir (a folder), not both', '--output-dir');
  }
  if (target.formats.length > 1 && !target.outputDir) {
    throw new ConfigError(
      `--format ${target.formats.join(',')} names ${target.formats.length} formats: give --output-dir DIR to write one file per format (report.<ext>)`,
      '--output-dir',
    );
  }
  await assertWritable(target.output, '--output');
  await assertWritableFolder(target.outputDir, '--output-dir');
}

/** "Riverside Family Clinic" → "riverside-family-clinic": a file name for a tenant's report. */
export function tenantSlug(report: AuditReport): string {
  return slugOf(report.tenant.name ?? report.tenant.id);
}

/**
 * Print or save reports in the chosen formats: one format goes to standard output or `--output`;
 * with `--output-dir` each format is written as `report.<ext>`, or as `<tenant-slug>.<ext>` per
 * tenant when there are several. Resolves to the paths written.
 */
export async function writeReports(reports: readonly AuditReport[], target: OutputTarget, options: FormatOptions = {}): Promise<string[]> {
  if (!target.outputDir) {
    const text = formatReports(target.formats[0] ?? 'text', reports, options);
    if (target.output) await writeFileNamingFlag(target.output, text, '--output');
    else process.stdout.write(text);
    return target.output ? [target.output] : [];
  }
  await makeFolder(target.outputDir);
  const written: string[] = [];
  // One file name per report, unique even when two tenants share a name.
  const stems = reports.length > 1 ? uniqueSlugs(reports.map((report) => report.tenant.name ?? report.tenant.id)) : ['report'];
  // Render everything first: a format that refuses the reports (SARIF's limits) leaves no half-written folder.
  const files = target.formats.flatMap((format) =>
    (reports.length > 1 ? reports.map((report) => [report]) : [reports]).map((group, index) => ({
      path: join(target.outputDir!, `${stems[index]}.${reporters[format].extension}`),
      text: formatReports(format, group, options),
    })),
  );
  for (const file of files) {
    await writeFileNamingFlag(file.path, file.text, '--output-dir');
    written.push(file.path);
  }
  return written;
}

/** Write a file; a failure is bad usage that names the flag (exit 2), not a crash. */
export async function writeFileNamingFlag(file: string, text: string, flag: string): Promise<void> {
  try {
    await writeFile(file, text, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot write ${flag} ${file}: ${error instanceof Error ? error.message : String(error)}`, flag);
  }
}

async function makeFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new ConfigError(`Cannot create --output-dir ${folder}: ${error instanceof Error ? error.message : String(error)}`, '--output-dir');
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

/** Fail early when an output folder is a file, or cannot be created where it does not exist yet. */
async function assertWritableFolder(folder: string | undefined, flag: string): Promise<void> {
  if (!folder) return;
  const path = resolve(folder);
  const existing = await stat(path).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new ConfigError(`Cannot write ${flag} ${folder}: it is a file, not a folder`, flag);
  // The nearest folder that exists must be writable for the rest to be created in it.
  let parent = path;
  while (!existsSync(parent) && dirname(parent) !== parent) parent = dirname(parent);
  try {
    await access(parent, constants.W_OK);
  } catch {
    throw new ConfigError(`Cannot write ${flag} ${folder}: ${parent} is not writable`, flag);
  }
}

/** The repository a file is in: GitHub's checkout ($GITHUB_WORKSPACE), else the nearest folder with `.git`. */
function repositoryRoot(file: string): string | undefined {
  const workspace = process.env['GITHUB_WORKSPACE'];
  if (workspace && isInside(resolve(workspace), file)) return resolve(workspace);
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function isInside(folder: string, file: string): boolean {
  const path = relative(folder, file);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}

/**
 * The `--config` file as SARIF locations need it: its path relative to the root of the repository
 * it is in (GitHub resolves result locations against the checkout), and its text. Undefined when
 * the file is in no repository: results then point at their virtual per-tenant paths.
 */
export async function configFileRef(file: string): Promise<ConfigFileRef | undefined> {
  const path = resolve(file);
  const root = repositoryRoot(path);
  if (!root) return undefined;
  const text = await readFile(path, 'utf8');
  return { path: relative(root, path).split(sep).join('/'), text };
}

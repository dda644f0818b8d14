import { readFile } from 'node:fs/promises';
import { ConfigError } from '../core/options.js';
import type { EvaluateOptions } from '../core/options.js';
import { ConfigFileSchema } from './schema.js';

/**
 * Read and check a configuration file (JSON, or YAML when it ends in .yaml/.yml): the options it
 * holds, ready for `audit`, `evaluate` or `sweep`.
 *
 * @throws ConfigError naming the file, the path inside it and what is expected.
 * @example
 * const options = await loadConfigFile('tenant-audit.config.yaml');
 * const report = await audit(target, { ...options, signal });
 */
export async function loadConfigFile(file: string): Promise<EvaluateOptions> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the configuration file ${file}: ${error instanceof Error ? error.message : String(error)}`, file);
  }
  return parseConfig(text, file);
}

/** Check a configuration file's text; `file` names it in errors (and picks YAML for .yaml/.yml). */
export async function parseConfig(text: string, file: string): Promise<EvaluateOptions> {
  let value: unknown;
  try {
    if (/\.ya?ml$/i.test(file)) {
      const { parse } = await import('yaml');
      value = parse(text);
    } else {
      value = JSON.parse(text);
    }
  } catch (error) {
    throw new ConfigError(`${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, file);
  }
  if (value === null || value === undefined) value = {};
  const parsed = ConfigFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
    const expected = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}` : issue.message;
    throw new ConfigError(`Invalid ${file}${path ? ` at ${path}` : ''}: ${expected}`, `${file}${path ? `:${path}` : ''}`);
  }
  // The options in the shape they are written (evaluate applies defaults and reads older forms itself).
  const { $schema: _schema, ...options } = value as Record<string, unknown>;
  return options as EvaluateOptions;
}

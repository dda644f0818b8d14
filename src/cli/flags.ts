import { ConfigError } from '../core/options.js';

/** Library option paths and the flags that set them, so an error names what the user typed. */
export const OPTION_FLAGS: Readonly<Record<string, string>> = {
  'options.controls': '--controls',
  'options.breakGlassAccounts': '--break-glass',
  'options.departedStaff': '--departed-staff',
  'options.sharedAccountNames': '--shared-account-names',
  'options.thresholds.inactiveDays': '--inactive-days',
  'options.thresholds.idleTimeoutMinutes': '--idle-timeout-minutes',
  'target.name': '--name',
};

/** What to call a library path in an error: a flag, or a function of the rest of the path (a place in a config file). */
export type FieldName = string | ((rest: string) => string);

/**
 * The same error, with a library path (`options.controls`, `target.customerId.0`) replaced by what
 * set it (`--controls`, `--customer`, `practice.yaml at controls`): the longest mapped prefix wins.
 */
export function flagNamedError(error: unknown, names: Readonly<Record<string, FieldName>>): unknown {
  if (!(error instanceof ConfigError) || !error.field) return error;
  const field = error.field;
  const prefix = Object.keys(names)
    .filter((path) => field === path || field.startsWith(`${path}.`))
    .sort((a, b) => b.length - a.length)[0];
  if (!prefix) return error;
  const name = names[prefix]!;
  const named = typeof name === 'string' ? name : name(field.slice(prefix.length + 1));
  return new ConfigError(error.message.split(field).join(named), named);
}

/**
 * Where each option came from, for error messages: a flag the user typed, otherwise the
 * configuration file (`--config`) that set it.
 */
export function optionSources(given: ReadonlySet<string>, configFile: string | undefined): Record<string, FieldName> {
  const names: Record<string, FieldName> = {};
  if (configFile) names['options'] = (rest) => (rest ? `${configFile} at ${rest}` : configFile);
  for (const [path, flag] of Object.entries(OPTION_FLAGS)) {
    if (!configFile || given.has(path) || !path.startsWith('options.')) names[path] = flag;
  }
  return names;
}

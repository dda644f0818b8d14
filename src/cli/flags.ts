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

/**
 * The same error, with a library path (`options.controls`, `target.customerId.0`) replaced by the
 * flag that set it (`--controls`, `--customer`): the longest mapped prefix of the field wins.
 */
export function flagNamedError(error: unknown, flags: Readonly<Record<string, string>>): unknown {
  if (!(error instanceof ConfigError) || !error.field) return error;
  const field = error.field;
  const prefix = Object.keys(flags)
    .filter((path) => field === path || field.startsWith(`${path}.`))
    .sort((a, b) => b.length - a.length)[0];
  if (!prefix) return error;
  const flag = flags[prefix]!;
  return new ConfigError(error.message.split(field).join(flag), flag);
}

import { InvalidArgumentError } from 'commander';
import { SEVERITY_ORDER, type Severity } from '../core/model.js';
import { formatNames, isFormatName, type FormatName } from '../reporters/index.js';

/** commander parser: a positive integer, with the flag named in the error. */
export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError('must be a positive whole number.');
  return number;
}

/** commander parser: a comma-separated list of at least one item (an empty list would select nothing). */
export function list(value: string): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('must name at least one item (comma-separated).');
  return items;
}

export function severity(value: string): Severity {
  if (!(SEVERITY_ORDER as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`must be one of ${SEVERITY_ORDER.join(', ')}.`);
  }
  return value as Severity;
}

/** commander parser: an output format of the reporter registry. */
export function format(value: string): FormatName {
  if (!isFormatName(value)) throw new InvalidArgumentError(`must be one of ${formatNames.join(', ')}.`);
  return value;
}

/** commander parser: one output format or a comma-separated list (`html,sarif`), each once. */
export function formats(value: string): FormatName[] {
  const names = list(value);
  const unknown = names.filter((name) => !isFormatName(name));
  if (unknown.length) throw new InvalidArgumentError(`unknown format ${unknown.join(', ')}: each must be one of ${formatNames.join(', ')}.`);
  return [...new Set(names as FormatName[])];
}

/** commander parser: how much the Markdown report shows. */
export function detail(value: string): 'counts' | 'full' {
  if (value !== 'counts' && value !== 'full') throw new InvalidArgumentError('must be counts or full.');
  return value;
}

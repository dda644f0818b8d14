import { InvalidArgumentError } from 'commander';
import { SEVERITY_ORDER, type Severity } from '../core/model.js';

/** commander parser: a positive integer, with the flag named in the error. */
export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError('must be a positive whole number.');
  return number;
}

/** commander parser: a comma-separated list. */
export function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export function severity(value: string): Severity {
  if (!(SEVERITY_ORDER as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`must be one of ${SEVERITY_ORDER.join(', ')}.`);
  }
  return value as Severity;
}

export function format(value: string): 'text' | 'json' {
  if (value !== 'text' && value !== 'json') throw new InvalidArgumentError('must be text or json.');
  return value;
}

import { describe, expect, it } from 'vitest';
import { duration, sweepProgressPrinter } from '../../src/cli/progress.js';
import type { DirectorySweepProgress } from '../../src/sweep/directory.js';

function stream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const fake = { isTTY, columns: 80, text: '', write: (chunk: string) => ((fake.text += chunk), true) };
  return fake as unknown as NodeJS.WriteStream & { text: string };
}

const update = (done: number, tenant: Partial<DirectorySweepProgress['tenant']> = {}): DirectorySweepProgress => ({
  done,
  total: 3,
  skipped: 0,
  failures: tenant.ok === false ? 1 : 0,
  retries: 4,
  waitedMs: 12_000,
  elapsedMs: 65_000,
  remainingMs: 30_000,
  tenant: { slug: 'clinic', name: 'Clinic', id: 'clinic.example', ok: true, ...tenant },
});

describe('sweep progress on stderr', () => {
  it('writes one line per tenant when stderr is a log, with done/total, failures, retries, elapsed and remaining time', () => {
    const log = stream(false);
    const printer = sweepProgressPrinter(log);
    printer.update(update(1));
    printer.update(update(2, { ok: false, kind: 'not_consented' }));
    printer.end();
    expect(log.text.split('\n')).toEqual([
      '[1/3] Clinic (clinic.example): audited · 1/3 tenants · 0 could not be audited · 4 throttling/outage retries (12s waiting) · 1m05s elapsed · ~30s left',
      '[2/3] Clinic (clinic.example): could not be audited (not_consented) · 2/3 tenants · 1 could not be audited · 4 throttling/outage retries (12s waiting) · 1m05s elapsed · ~30s left',
      '',
    ]);
  });

  it('rewrites one live line on a terminal, cut to its width, and ends it with a newline', () => {
    const terminal = stream(true);
    const printer = sweepProgressPrinter(terminal);
    printer.update(update(1));
    printer.update(update(3, { name: 'A clinic with a very long name indeed, longer than any terminal line should be' }));
    printer.end();
    const lines = terminal.text.split('\r\x1b[K').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.length).toBeLessThan(80);
    expect(lines[1]!.endsWith('\n')).toBe(true);
    expect(lines[1]!.trimEnd().length).toBeLessThan(80);
    expect(lines[1]).not.toContain('left'); // nothing left once every tenant is done
  });

  it('reads durations as people do', () => {
    expect([duration(4_400), duration(185_000), duration(3_725_000)]).toEqual(['4s', '3m05s', '1h02m']);
  });
});

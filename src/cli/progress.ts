import type { DirectorySweepProgress } from '../sweep/directory.js';

/** A duration as people read it: `45s`, `3m05s`, `1h02m`. */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

function status(progress: DirectorySweepProgress): string {
  const parts = [
    `${progress.done}/${progress.total} tenants`,
    `${progress.failures} could not be audited`,
    `${progress.retries} throttling/outage retries (${duration(progress.waitedMs)} waiting)`,
    `${duration(progress.elapsedMs)} elapsed`,
    ...(progress.remainingMs !== undefined && progress.done < progress.total ? [`~${duration(progress.remainingMs)} left`] : []),
  ];
  return parts.join(' · ');
}

/**
 * Progress of a sweep on stderr: on a terminal one live line rewritten in place, otherwise (a log,
 * cron's mail) one line per tenant.
 */
export function sweepProgressPrinter(stream: NodeJS.WriteStream = process.stderr): { update(progress: DirectorySweepProgress): void; end(): void } {
  const live = stream.isTTY === true;
  let drawn = false;
  return {
    update(progress) {
      const { tenant } = progress;
      const what = tenant.skipped ? 'already done' : tenant.ok ? 'audited' : `could not be audited${tenant.kind ? ` (${tenant.kind})` : ''}`;
      const name = tenant.name ? `${tenant.name} (${tenant.id})` : tenant.id;
      if (live) {
        const columns = stream.columns ?? 120;
        stream.write(`\r\x1b[K${`${status(progress)} · ${name}: ${what}`.slice(0, columns - 1)}`);
        drawn = true;
      } else {
        stream.write(`[${progress.done}/${progress.total}] ${name}: ${what} · ${status(progress)}\n`);
      }
    },
    end() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}

import { createHash, randomBytes } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditReport, Severity } from '../core/model.js';
import { ConfigError } from '../core/options.js';
import { redact, redactedJson } from '../core/redact.js';
import { targetId, type AuditTarget } from '../providers/index.js';
import { formatPortfolioHtml } from '../reporters/portfolio-html.js';
import { auditedRow, portfolioSummary, type PortfolioControl, type PortfolioSummary, type PortfolioTenant } from './portfolio.js';
import { sweep, type SweepFailure, type SweepOptions, type SweepTarget } from './sweep.js';
import { uniqueSlugs } from '../core/slug.js';
import { mergeTargetOptions } from './target-options.js';

// A sweep streamed to a folder: each tenant's report and snapshot written as it finishes (nothing
// held in memory but a row of statuses per tenant), a manifest naming the run and what finished,
// and at the end the portfolio (summary.json, summary.html). Every file is written to a temporary
// name in its folder and renamed, so a crash or a kill never leaves half a file.

/** Options of {@link sweepToDirectory}. */
export interface DirectorySweepOptions extends SweepOptions {
  /** The folder to write to (created when missing). */
  out: string;
  /**
   * Finish the run recorded in the folder's manifest: tenants whose report for that run is
   * complete (same tenant, same options) are skipped; the rest are audited. Without it a new run starts.
   */
  resume?: boolean;
  /** What the tenants came from (the tenants file), recorded in the manifest and the summary. */
  source?: string;
  /** The severity at or above which a failed control fails a tenant's gate (default `low`). */
  failOn?: Severity;
  /**
   * Also write a readable report per tenant, `<slug>/<file>` (e.g. `report.txt` with the text
   * reporter), which the portfolio's cells then link to instead of report.json.
   */
  readableReport?: ReadableReport;
  /**
   * More reports per tenant in other formats (`report.sarif`, `report.csv`...), written beside the
   * others; the portfolio links to `readableReport`, else to the first of these.
   */
  readableReports?: readonly ReadableReport[];
  /**
   * The previous sweep to compare with (its `summary.json`, or its folder), for which clinics
   * regressed. Without it, the folder's own previous sweep: a new run in a folder that holds a
   * finished one keeps that one's summary as `previous-summary.json` and compares with it.
   */
  previous?: string;
  /** Called after each tenant is written (or skipped on resume), for progress displays. */
  onTenantDone?: (progress: DirectorySweepProgress) => void;
}

/** Where a directory sweep stands, after a tenant. */
export interface DirectorySweepProgress {
  /** Tenants finished (audited, failed or skipped as already done). */
  done: number;
  total: number;
  /** Tenants skipped because the resumed run had already finished them. */
  skipped: number;
  /** Tenants that could not be audited so far. */
  failures: number;
  /** Requests retried so far after throttling, outages or resets (each a wait the service asked for or a backoff). */
  retries: number;
  /** Milliseconds the audits so far spent waiting before those retries (summed over tenants run at once). */
  waitedMs: number;
  elapsedMs: number;
  /** An estimate from the pace so far, once a tenant has been audited in this process. */
  remainingMs?: number;
  /** The tenant just finished. */
  tenant: { slug: string; name?: string; id: string; ok: boolean; kind?: string; skipped?: boolean };
}

/** What a directory sweep leaves: the summary it wrote, or why it stopped. */
export interface DirectorySweepOutcome {
  /** The portfolio summary (also in DIR/summary.json); absent when the run was interrupted. */
  summary?: PortfolioSummary;
  /** Set when the signal stopped the run: the manifest says what finished. */
  interrupted: boolean;
  manifest: RunManifest;
}

/** A tenant's line in the manifest. */
export interface ManifestTenant {
  slug: string;
  name?: string;
  provider: string;
  id: string;
  /** Identifies the tenant and the options it is judged with: a resumed run redoes a tenant whose entry changed. */
  fingerprint: string;
  status: 'pending' | 'done' | 'failed';
  finishedAt?: string;
  failure?: SweepFailure;
}

/** A report per tenant in a format people or tools read: its file name in the tenant's folder, and how to write it. */
export interface ReadableReport {
  file: string;
  format: (report: AuditReport) => string;
}

/**
 * `DIR/manifest.json`: the run and which tenants finished. Written whole (atomically) when a run
 * starts and ends; in between each finished tenant appends a line to `DIR/progress.jsonl`, so the
 * cost per tenant does not grow with the number of tenants. {@link readRunManifest} merges the two.
 */
export interface RunManifest {
  schemaVersion: 1;
  runId: string;
  startedAt: string;
  source?: string;
  state: 'running' | 'complete' | 'interrupted';
  finishedAt?: string;
  tenants: ManifestTenant[];
}

const MANIFEST = 'manifest.json';
/** One JSON line per finished tenant since the manifest was last written whole. */
const JOURNAL = 'progress.jsonl';

/** A finished tenant's line in the journal. */
type JournalLine = Pick<ManifestTenant, 'slug' | 'fingerprint' | 'status' | 'finishedAt' | 'failure'>;

/**
 * The run recorded in a sweep's folder: `manifest.json` with the journal of tenants finished since
 * (`progress.jsonl`) applied, so a run killed midway shows every tenant it finished. A last line
 * cut short by the kill is ignored (that tenant is redone). Undefined when there is no readable manifest.
 */
export async function readRunManifest(out: string): Promise<RunManifest | undefined> {
  const manifest = await readJson<RunManifest>(join(out, MANIFEST));
  if (!manifest || manifest.schemaVersion !== 1 || !Array.isArray(manifest.tenants)) return undefined;
  const text = await readFile(join(out, JOURNAL), 'utf8').catch(() => '');
  const bySlug = new Map(manifest.tenants.map((tenant) => [tenant.slug, tenant]));
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let entry: JournalLine;
    try {
      entry = JSON.parse(line) as JournalLine;
    } catch {
      continue;
    }
    const tenant = bySlug.get(entry.slug);
    if (tenant && tenant.fingerprint === entry.fingerprint) Object.assign(tenant, entry);
  }
  return manifest;
}
const PREVIOUS_SUMMARY = 'previous-summary.json';

function isSummary(value: unknown): value is PortfolioSummary {
  const summary = value as Partial<PortfolioSummary> | undefined;
  return summary?.schemaVersion === 1 && Array.isArray(summary.tenants) && typeof summary.run?.id === 'string';
}

/** The previous sweep's summary: the one asked for (which must be readable), else the folder's own, if any. */
async function previousSummary(out: string, asked: string | undefined): Promise<PortfolioSummary | undefined> {
  if (asked === undefined) {
    const own = await readJson<unknown>(join(out, PREVIOUS_SUMMARY));
    return isSummary(own) ? own : undefined;
  }
  const file = asked.endsWith('.json') ? asked : join(asked, 'summary.json');
  const value = await readJson<unknown>(file);
  if (!isSummary(value)) throw new ConfigError(`Cannot compare with ${file}: it is not the summary.json of a finished sweep`, '--compare');
  return value;
}

/** Write `text` to `file` atomically: a temporary file in the same folder, then a rename over the target. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const temporary = `${file.slice(0, slash + 1)}.${file.slice(slash + 1)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Temporary files a killed run left behind (never renamed into place). */
async function removeLeftovers(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => name.startsWith('.') && name.endsWith('.tmp')).map((name) => rm(join(folder, name), { force: true })));
}

function identityOf(target: SweepTarget): { provider: string; id: string } {
  let id: string;
  try {
    id = targetId(target as AuditTarget);
  } catch {
    id = '(invalid target)';
  }
  return { provider: target.provider, id };
}

/** Identifies a tenant and what it is judged with (never its credential). */
function fingerprintOf(target: SweepTarget, options: DirectorySweepOptions): string {
  const { controls, thresholds, breakGlassAccounts, exemptAccounts, departedStaff, sharedAccountNames, attestations } = mergeTargetOptions(options, target.options);
  const google = target as { customerId?: string; subject?: string };
  const text = JSON.stringify({
    ...identityOf(target),
    subject: google.subject,
    name: target.name,
    options: { controls, thresholds, breakGlassAccounts, exemptAccounts, departedStaff, sharedAccountNames, attestations },
  });
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * Sweep tenants into a folder: `DIR/<slug>/report.json` and `snapshot.json` per tenant (and
 * the `readableReport` when asked), written as each finishes; `DIR/manifest.json` naming the run and
 * what finished; at the end `DIR/summary.json` (tenants × controls) and `DIR/summary.html` (the
 * portfolio). Memory stays flat in the number of tenants: reports go to disk, only a row of
 * statuses per tenant is kept. With `resume`, a run stopped midway (killed, Ctrl-C) is finished:
 * nothing is lost or done twice. When `signal` aborts, the running audits are abandoned (nothing of
 * them is written), the manifest is marked `interrupted`, and no summary is written.
 *
 * @throws ConfigError when the folder cannot be written, or `resume` finds no run to finish.
 */
export async function sweepToDirectory(targets: readonly SweepTarget[], options: DirectorySweepOptions): Promise<DirectorySweepOutcome> {
  const { out, resume = false, source, failOn = 'low', readableReport: linked, readableReports: others = [], onTenantDone, previous: _previous, ...sweepOptions } = options;
  const readables = [...(linked ? [linked] : []), ...others];
  for (const readable of readables) {
    if (!/^[\w.-]+$/.test(readable.file) || ['report.json', 'snapshot.json'].includes(readable.file)) {
      throw new ConfigError(`Invalid readableReport.file ${JSON.stringify(readable.file)}: a file name such as report.txt`, 'readableReport.file');
    }
  }
  const readableReport = readables[0];
  const filesOf = (slug: string) => ({ report: `${slug}/report.json`, ...(readableReport ? { readable: `${slug}/${readableReport.file}` } : {}) });
  /** Each readable report a tenant should have, written from its report (atomically, secrets redacted). */
  const writeReadables = async (folder: string, report: AuditReport, onlyMissing = false) => {
    for (const readable of readables) {
      if (onlyMissing && (await readFile(join(folder, readable.file)).then(() => true, () => false))) continue;
      await writeFileAtomic(join(folder, readable.file), redact(readable.format(report)));
    }
  };
  try {
    await mkdir(out, { recursive: true });
  } catch (error) {
    throw new ConfigError(`Cannot create the output folder ${out}: ${error instanceof Error ? error.message : String(error)}`, '--out');
  }
  await removeLeftovers(out);
  // A comparison asked for must be readable before anything changes.
  const askedPrevious = options.previous === undefined ? undefined : await previousSummary(out, options.previous);

  // Folder names: from each tenant's name or id, numbered when two would clash (stable for the same list).
  const identities = targets.map(identityOf);
  const slugs = uniqueSlugs(targets.map((target, index) => target.name ?? identities[index]!.id));
  const planned = targets.map((target, index) => {
    const { provider, id } = identities[index]!;
    const entry: ManifestTenant = {
      slug: slugs[index]!,
      ...(target.name ? { name: target.name } : {}),
      provider,
      id,
      fingerprint: fingerprintOf(target, options),
      status: 'pending',
    };
    return entry;
  });

  const previous = resume ? await readRunManifest(out) : undefined;
  if (resume && !previous) {
    throw new ConfigError(`Nothing to resume in ${out}: it has no readable ${MANIFEST}. Run without --resume to start a new run.`, '--resume');
  }
  const manifest: RunManifest = {
    schemaVersion: 1,
    runId: previous?.runId ?? `${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`,
    startedAt: previous?.startedAt ?? new Date().toISOString(),
    ...(source ? { source } : {}),
    state: 'running',
    tenants: planned,
  };

  const rows = new Map<number, PortfolioTenant>();
  const controls: PortfolioControl[] = [];
  const seenControls = new Set<string>();
  const addControls = (found: PortfolioControl[]) => {
    for (const control of found) if (!seenControls.has(control.id)) (seenControls.add(control.id), controls.push(control));
  };
  const started = performance.now();
  let done = 0;
  let skipped = 0;
  let failures = 0;
  let retries = 0;
  let waitedMs = 0;
  let auditedHere = 0;
  const progress = (index: number, ok: boolean, extra: { kind?: string; skipped?: boolean } = {}) => {
    const elapsedMs = performance.now() - started;
    const left = planned.length - done;
    const entry = planned[index]!;
    try {
      onTenantDone?.({
        done,
        total: planned.length,
        skipped,
        failures,
        retries,
        waitedMs,
        elapsedMs,
        ...(auditedHere > 0 ? { remainingMs: (elapsedMs / auditedHere) * left } : {}),
        tenant: { slug: entry.slug, ...(entry.name ? { name: entry.name } : {}), id: entry.id, ok, ...extra },
      });
    } catch {
      // ignored on purpose: progress is advisory
    }
  };

  // A resumed run keeps what it finished: the tenant is the same, judged the same, and its report is whole.
  const todo: number[] = [];
  const earlier = new Map((previous?.tenants ?? []).map((tenant) => [tenant.slug, tenant]));
  for (const [index, entry] of planned.entries()) {
    const before = earlier.get(entry.slug);
    if (before?.status === 'done' && before.fingerprint === entry.fingerprint) {
      const report = await readJson<AuditReport>(join(out, entry.slug, 'report.json'));
      if (report?.findings && report.summary) {
        // A run that wrote no readable report (or lost it) gets one from the report on disk.
        await writeReadables(join(out, entry.slug), report, true);
        const { row, controls: found } = auditedRow(entry, report, filesOf(entry.slug), failOn);
        rows.set(index, row);
        addControls(found);
        Object.assign(entry, { status: 'done', ...(before.finishedAt ? { finishedAt: before.finishedAt } : {}) });
        done += 1;
        skipped += 1;
        progress(index, true, { skipped: true });
        continue;
      }
    }
    todo.push(index);
  }
  if (!resume) {
    // A new run: the last finished sweep's summary is kept to compare with; its page goes.
    const finished = await readJson<unknown>(join(out, 'summary.json'));
    if (isSummary(finished)) await rename(join(out, 'summary.json'), join(out, PREVIOUS_SUMMARY));
    await Promise.all(['summary.json', 'summary.html'].map((name) => rm(join(out, name), { force: true })));
  }
  const previousRun = askedPrevious ?? (await previousSummary(out, undefined));
  // The manifest whole (with what a resumed run already finished), then a fresh journal.
  await writeFileAtomic(join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFileAtomic(join(out, JOURNAL), '');

  let interrupted = false;
  try {
    const pending = todo.map((index) => targets[index]!);
    for await (const result of sweep(pending, sweepOptions)) {
      const index = todo[result.target.index]!;
      const entry = planned[index]!;
      const folder = join(out, entry.slug);
      await removeLeftovers(folder);
      let failure: SweepFailure | undefined = result.ok ? undefined : result.error;
      if (result.ok) {
        try {
          await mkdir(folder, { recursive: true });
          const { report, snapshot } = result;
          retries += Object.values(report.datasets).reduce((sum, meta) => sum + (meta.retries ?? 0), 0);
          waitedMs += Object.values(report.datasets).reduce((sum, meta) => sum + (meta.waitedMs ?? 0), 0);
          // The snapshot first: a report on disk always has its evidence beside it.
          await writeFileAtomic(join(folder, 'snapshot.json'), `${redactedJson(snapshot)}\n`);
          await writeReadables(folder, report);
          await writeFileAtomic(join(folder, 'report.json'), `${redactedJson(report)}\n`);
          const { row, controls: found } = auditedRow(entry, report, filesOf(entry.slug), failOn);
          rows.set(index, row);
          addControls(found);
          Object.assign(entry, { status: 'done', finishedAt: new Date().toISOString() });
        } catch (error) {
          // One tenant whose files cannot be written (disk full, a formatting fault) fails alone.
          failure = { message: redact(`its report could not be written to ${folder}: ${error instanceof Error ? error.message : String(error)}`) };
        }
      }
      if (failure) {
        failures += 1;
        // A report left from an earlier run (or half of this one) must not pass for this run's.
        await Promise.all(['report.json', 'snapshot.json', ...readables.map((readable) => readable.file)].map((name) => rm(join(folder, name), { force: true })));
        rows.set(index, { slug: entry.slug, ...(entry.name ? { name: entry.name } : {}), provider: entry.provider, id: entry.id, ok: false, failure });
        Object.assign(entry, { status: 'failed', finishedAt: new Date().toISOString(), failure });
      }
      // One line, after the tenant's files are in place: a tenant in the journal is whole on disk.
      const line: JournalLine = { slug: entry.slug, fingerprint: entry.fingerprint, status: entry.status, ...(entry.finishedAt ? { finishedAt: entry.finishedAt } : {}), ...(entry.failure ? { failure: entry.failure } : {}) };
      await appendFile(join(out, JOURNAL), `${JSON.stringify(line)}\n`, 'utf8');
      done += 1;
      auditedHere += 1;
      progress(index, !failure, failure?.kind ? { kind: failure.kind } : {});
    }
  } catch (error) {
    if (!options.signal?.aborted) throw error;
    interrupted = true;
  }

  manifest.state = interrupted ? 'interrupted' : 'complete';
  manifest.finishedAt = new Date().toISOString();
  await writeFileAtomic(join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  // Everything the journal said is now in the manifest.
  await rm(join(out, JOURNAL), { force: true });
  if (interrupted) return { interrupted, manifest };

  const summary = portfolioSummary(
    { id: manifest.runId, startedAt: manifest.startedAt, finishedAt: manifest.finishedAt, ...(source ? { source } : {}), failOn },
    planned.map((_, index) => rows.get(index)!),
    controls,
    previousRun,
  );
  await writeFileAtomic(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  await writeFileAtomic(join(out, 'summary.html'), formatPortfolioHtml(summary));
  return { summary, interrupted, manifest };
}

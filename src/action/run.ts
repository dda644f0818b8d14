import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import * as core from '@actions/core';
import { loadReports } from '../cli/report-files.js';
import { loadConfigFile } from '../config/load.js';
import type { AuditReport, Summary } from '../core/model.js';
import { ConfigError, type EvaluateOptions } from '../core/options.js';
import { redact } from '../core/redact.js';
import { diffReports, type ComparableReport, type ReportDiff } from '../engine/diff.js';
import { gate } from '../engine/gate.js';
import { audit, evaluate } from '../engine/runner.js';
import { findProvider } from '../providers/index.js';
import { summaryLine } from '../reporters/lib/words.js';
import { TOOL_VERSION } from '../version.js';
import { readInputs, ActionInputError, type ActionInputs } from './inputs.js';
import { targetFromInputs } from './sign-in.js';
import { renderReportFiles, stepSummary } from './report-files.js';

/**
 * Where the job's files are: the checked-out repository, and the reports' folder (`output-dir`,
 * else a folder under RUNNER_TEMP, which the runner empties after the job: reports that name staff
 * stay out of the checkout, where a later step could commit them).
 */
function folders(inputs: ActionInputs): { workspace: string; output: string } {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  // One folder per tenant by default: two audit steps in one job must not overwrite each other.
  // Never the subject: it names a person, and the path is logged.
  const tenant = (inputs.tenantId ?? inputs.customerId ?? 'my_customer').replace(/[^\w.@-]+/g, '_');
  const output = inputs.outputDir
    ? inWorkspace(workspace, inputs.outputDir)
    : join(process.env.RUNNER_TEMP || join(workspace, '.tenant-audit'), 'tenant-audit', `${inputs.provider ?? 'audit'}-${tenant}`);
  return { workspace, output };
}

/** A path input, resolved against the workspace (a workflow names files in its repository). */
const inWorkspace = (workspace: string, path: string) => resolve(workspace, path);

/** The configuration file's path relative to the repository, as code scanning locates results in it. */
function repositoryPath(workspace: string, path: string): string | undefined {
  const relativePath = relative(workspace, inWorkspace(workspace, path));
  return relativePath.startsWith('..') || isAbsolute(relativePath) ? undefined : relativePath.split(sep).join('/');
}

async function readOptions(inputs: ActionInputs, workspace: string): Promise<EvaluateOptions> {
  if (!inputs.config) return {};
  try {
    return await loadConfigFile(inWorkspace(workspace, inputs.config));
  } catch (error) {
    throw error instanceof ConfigError ? new ActionInputError('config', error.message) : error;
  }
}

async function readBaseline(inputs: ActionInputs, workspace: string): Promise<ComparableReport[] | undefined> {
  if (!inputs.baseline) return undefined;
  try {
    return await loadReports(inWorkspace(workspace, inputs.baseline), 'baseline');
  } catch (error) {
    throw error instanceof ConfigError ? new ActionInputError('baseline', error.message) : error;
  }
}

/** Evaluate a saved snapshot (input `snapshot`) instead of collecting. */
async function evaluateSnapshot(inputs: ActionInputs, workspace: string, options: EvaluateOptions): Promise<AuditReport> {
  const path = inWorkspace(workspace, inputs.snapshot!);
  let snapshot: unknown;
  try {
    snapshot = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ActionInputError('snapshot', `cannot read ${inputs.snapshot}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const provider = (snapshot as { provider?: unknown } | null)?.provider;
  if (inputs.provider && provider !== inputs.provider) {
    throw new ActionInputError('provider', `is ${inputs.provider}, but the snapshot ${inputs.snapshot} was collected from ${JSON.stringify(provider)}.`);
  }
  try {
    return evaluate(snapshot, options);
  } catch (error) {
    throw error instanceof ConfigError ? new ActionInputError('snapshot', `${inputs.snapshot} is not a snapshot tenant-audit can evaluate: ${error.message}`) : error;
  }
}

async function collectAndEvaluate(inputs: ActionInputs, options: EvaluateOptions): Promise<AuditReport> {
  const target = await targetFromInputs(inputs);
  // GitHub cancels a job with SIGINT, then SIGTERM: stop requesting and finish what is collected.
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('The workflow run was cancelled.'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await audit(target, {
      ...options,
      signal: controller.signal,
      onProgress: (event) => {
        if (event.type === 'dataset:done') core.info(`  ${event.ok ? 'read' : 'could not read'} ${event.dataset} (${event.requests} requests, ${(event.durationMs / 1000).toFixed(1)} s)`);
      },
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function totals(reports: readonly AuditReport[]): Summary {
  const sum: Summary = { total: 0, pass: 0, fail: 0, warn: 0, manual: 0, not_assessed: 0, error: 0 };
  for (const report of reports) for (const key of Object.keys(sum) as (keyof Summary)[]) sum[key] += report.summary[key];
  return sum;
}

/** The log: counts, and the failing controls by id and title (no summaries: they may name people) unless `summary: full`. */
function logReports(reports: readonly AuditReport[], inputs: ActionInputs, diff: ReportDiff | undefined, fullText: string | undefined): void {
  for (const report of reports) {
    const label = findProvider(report.provider)?.label ?? report.provider;
    core.info(`${report.tenant.name ? `${report.tenant.name} (${report.tenant.id})` : report.tenant.id} · ${label}: ${summaryLine(report.summary)}`);
    for (const finding of report.findings.filter((f) => f.status === 'fail' || f.status === 'error')) {
      core.info(`  ${finding.status.toUpperCase()} [${finding.severity}] ${finding.controlId}: ${finding.title}`);
    }
  }
  if (diff) {
    const { newFailures, fixed, stillFailing, newlyNotAssessed } = diff.counts;
    core.info(`Against the baseline: ${newFailures} new failures, ${fixed} fixed, ${stillFailing} still failing, ${newlyNotAssessed} newly not assessed.`);
  }
  if (inputs.summary === 'full' && fullText) {
    core.startGroup('The full report');
    core.info(fullText);
    core.endGroup();
  }
}

/**
 * The Action: read the inputs, sign in (keylessly where possible), audit or evaluate a snapshot,
 * write the SARIF file, the other reports (`output-dir`) and the job summary, set the outputs (before
 * failing, so the workflow's upload steps have them), and fail the step
 * on failures at or above `fail-on` (only new ones with `baseline`) or when nothing was assessed.
 */
export async function run(): Promise<void> {
  const started = Date.now();
  try {
    const inputs = readInputs();
    const { workspace, output } = folders(inputs);
    core.info(`tenant-audit ${TOOL_VERSION}`);
    // Read every file before the audit, which can take minutes: a bad one must not waste it.
    const options = await readOptions(inputs, workspace);
    const baseline = await readBaseline(inputs, workspace);
    const report = inputs.snapshot ? await evaluateSnapshot(inputs, workspace, options) : await collectAndEvaluate(inputs, options);
    const reports = [report];
    const diff = baseline ? diffReports(baseline, reports) : undefined;

    const sarifPath = inWorkspace(workspace, inputs.sarifFile);
    const configFile = inputs.config ? repositoryPath(workspace, inputs.config) : undefined;
    const files = await renderReportFiles(reports, { output, sarifPath, ...(configFile ? { configFile } : {}), ...(inputs.config ? { configPath: inWorkspace(workspace, inputs.config) } : {}) });

    const verdict = gate(reports, { failOn: inputs.failOn, ...(baseline ? { baseline } : {}) });
    logReports(reports, inputs, diff, files.text);
    const summary = stepSummary(reports, { detail: inputs.summary, verdict, failOn: inputs.failOn, ...(diff ? { diff } : {}), baseline: Boolean(baseline) });
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write();
    else core.warning('GITHUB_STEP_SUMMARY is not set: no job summary written.');

    const sum = totals(reports);
    core.setOutput('failed', sum.fail);
    core.setOutput('errored', sum.error);
    core.setOutput('passed', sum.pass);
    core.setOutput('warned', sum.warn);
    core.setOutput('not-assessed', sum.not_assessed);
    core.setOutput('report', files.json);
    core.setOutput('html', files.html);
    core.setOutput('sarif', files.sarif);
    core.setOutput('sarif-category', files.sarifCategory);
    core.setOutput('output-dir', files.folder);
    core.info(`Reports in ${files.folder} (JSON, HTML, Markdown, CSV, JUnit) and ${files.sarif} (SARIF, category ${files.sarifCategory}); ${((Date.now() - started) / 1000).toFixed(1)} s.`);

    if (!verdict.passed) core.setFailed(redact(verdict.failures.map((failure) => failure.message).join('\n')));
  } catch (error) {
    core.setFailed(redact(error instanceof Error ? error.message : String(error)));
  }
}

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { escapeMarkdown } from '../../../src/reporters/lib/escape.js';
import type { SimulatedJobSpec } from './world.js';

export const ROOT = resolve(import.meta.dirname, '../../..');
/** The committed bundle, as GitHub runs it (action.yml `main`). */
export const BUNDLE = join(ROOT, 'dist', 'action', 'index.js');

/** What a run of the Action left behind. */
export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** $GITHUB_STEP_SUMMARY's content. */
  summary: string;
  /** $GITHUB_OUTPUT parsed. */
  outputs: Record<string, string>;
  workspace: string;
  durationMs: number;
  /** What the fake GitHub OIDC and Google STS endpoints were asked (simulated runs). */
  record?: { oidcRequests: { audience: string | null; authorized: boolean }[]; stsRequests: { grantType: string | null; audience: string | null; subjectTokenAudience: unknown }[] };
}

export interface ActionJob {
  /** Inputs by their action.yml names; unset ones take action.yml's defaults, as the runner does. */
  inputs: Record<string, string>;
  /** More environment (AZURE_CLIENT_SECRET, GOOGLE_APPLICATION_CREDENTIALS, ...). */
  env?: Record<string, string>;
  /** Files to put in the workspace (the checked-out repository), by relative path. */
  files?: Record<string, string>;
  /** Give the job an OIDC token service (`permissions: id-token: write`). */
  idToken?: boolean;
  /** Run against the simulated clouds, in-process with the bundle (see simulated-job.ts). */
  simulated?: Omit<SimulatedJobSpec, 'recordTo' | 'bundle'>;
}

/** The request token and URL GitHub gives a job with `id-token: write`. */
export const ID_TOKEN_REQUEST_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.request-token-for-the-oidc-service.c2lnbmF0dXJl';
export const ID_TOKEN_REQUEST_URL =
  'https://pipelinesghubeus6.actions.githubusercontent.com/Xyz0123/00000000-0000-0000-0000-000000000000/_apis/distributedtask/hubs/Actions/plans/1a2b/jobs/3c4d/idtoken?api-version=2.0';

/** action.yml as the runner reads it. */
export const ACTION = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; outputs: Record<string, { description: string }> };
const actionYml = ACTION;

/** GitHub's own encoding of an input's variable: INPUT_ + the name upper-cased, spaces as underscores, hyphens kept. */
export const inputVariable = (name: string) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

/** $GITHUB_OUTPUT's `name<<DELIMITER\nvalue\nDELIMITER` records (what @actions/core writes). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i]!);
    outputs[match[1]!] = value.join('\n');
  }
  return outputs;
}

/**
 * Run the bundled Action in a child process on this Node (the project's Node 24), with the
 * environment a GitHub runner gives a step: INPUT_* (defaults from action.yml), GITHUB_WORKSPACE as
 * the working directory, RUNNER_TEMP, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT files.
 */
export async function runAction(job: ActionJob): Promise<ActionRun> {
  const root = mkdtempSync(join(tmpdir(), 'tenant-audit-action-'));
  const workspace = join(root, 'workspace');
  const temp = join(root, 'runner-temp');
  const files = join(root, 'runner-files');
  for (const dir of [workspace, temp, files]) mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(job.files ?? {})) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  const summaryFile = join(files, 'step_summary');
  const outputFile = join(files, 'set_output');
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');

  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(actionYml.inputs)) inputs[inputVariable(name)] = job.inputs[name] ?? input.default ?? '';
  for (const name of Object.keys(job.inputs)) if (!(name in actionYml.inputs)) throw new Error(`action.yml has no input ${name}`);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: root,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'contoso/audit',
    GITHUB_REF: 'refs/heads/main',
    RUNNER_OS: 'Linux',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: temp,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    ...(job.idToken ? { ACTIONS_ID_TOKEN_REQUEST_URL: ID_TOKEN_REQUEST_URL, ACTIONS_ID_TOKEN_REQUEST_TOKEN: ID_TOKEN_REQUEST_TOKEN } : {}),
    ...inputs,
    ...job.env,
  };

  let args = [BUNDLE];
  const recordTo = join(files, 'record.json');
  if (job.simulated) {
    const spec: SimulatedJobSpec = { ...job.simulated, recordTo, bundle: pathToFileURL(BUNDLE).href };
    const specFile = join(files, 'spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    args = ['--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, join(ROOT, 'test/action/harness/simulated-job.ts'), specFile];
  }

  const started = Date.now();
  const child = spawn(process.execPath, args, { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return {
    code,
    stdout,
    stderr,
    summary: readFileSync(summaryFile, 'utf8'),
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    workspace,
    durationMs: Date.now() - started,
    ...(existsSync(recordTo) ? { record: JSON.parse(readFileSync(recordTo, 'utf8')) } : {}),
  };
}

/** The log without the runner's masking commands (`::add-mask::SECRET` is how a secret is registered, and the runner never shows it). */
export const logWithoutMasks = (run: Pick<ActionRun, 'stdout' | 'stderr'>) =>
  `${run.stdout}\n${run.stderr}`
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');

/** The values registered with `::add-mask::`. */
export const maskedValues = (run: Pick<ActionRun, 'stdout'>) =>
  run.stdout
    .split('\n')
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) => line.slice('::add-mask::'.length));

/** A name as plain text and as the Markdown summary writes it (`@` escaped): a leak in either form counts. */
export const spellings = (names: readonly string[]) => [...new Set(names.flatMap((name) => [name, escapeMarkdown(name)]))];

import type { Status } from '../core/model.js';
import { badness, type PortfolioControl, type PortfolioSummary, type PortfolioTenant } from '../sweep/portfolio.js';
import type { PortfolioRegressions } from '../sweep/regressions.js';
import { providerLabel } from './lib/describe.js';
import { escapeHtml } from './lib/escape.js';

// The portfolio page of a sweep (`DIR/summary.html`): one row per clinic, one column per control,
// worst first, each cell linking to that clinic's report. One self-contained file: inline styles,
// no script, no font or image from the network; every text from a tenant or a service escaped.

const STATUS_MARK: Record<Status, { mark: string; label: string }> = {
  pass: { mark: '✓', label: 'pass' },
  fail: { mark: '✗', label: 'fail' },
  warn: { mark: '!', label: 'warning' },
  manual: { mark: '?', label: 'needs a person’s answer' },
  not_assessed: { mark: '–', label: 'not assessed' },
  error: { mark: 'E', label: 'error' },
};

const STYLE = `
@media print{body{margin:0}a{color:inherit;text-decoration:none}table{font-size:10px}}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1b1f24;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#57606a;margin:0 0 16px}
table{border-collapse:collapse;font-size:13px}
th,td{border:1px solid #d0d7de;padding:4px 6px;text-align:center;white-space:nowrap}
th.clinic,td.clinic{text-align:left;position:sticky;left:0;background:#fff}
thead th{background:#f6f8fa;vertical-align:bottom}
thead th.control{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;text-align:left}
.id{display:block;color:#57606a;font-size:11px}
td a{color:inherit;text-decoration:none;display:block}
.pass{background:#dafbe1;color:#116329}.fail{background:#ffebe9;color:#a40e26;font-weight:bold}
.warn{background:#fff8c5;color:#7d4e00}.manual{background:#ddf4ff;color:#0a3069}
.not_assessed{background:#f6f8fa;color:#57606a}.error{background:#fbefff;color:#6e40c9;font-weight:bold}
.na{color:#afb8c1}
td.failure{text-align:left;white-space:normal;background:#fff1e5;color:#762c00;max-width:900px}
.regressed{outline:2px solid #a40e26;outline-offset:-3px}
.legend span{display:inline-block;padding:1px 6px;margin-right:6px;border:1px solid #d0d7de}
ul.failures li{margin:4px 0}
`;

function tenantLabel(row: PortfolioTenant): string {
  return row.name ? `${row.name} (${row.id})` : row.id;
}

/** Only Microsoft's own consent endpoint is ever made a link. */
function consentLink(url: string | undefined): string {
  if (!url || !url.startsWith('https://login.microsoftonline.com/')) return '';
  return ` <a href="${escapeHtml(url)}">Admin-consent link</a>`;
}

function failureText(row: Extract<PortfolioTenant, { ok: false }>): string {
  const { kind, message, fix, consentUrl } = row.failure;
  return `${kind ? `<strong>${escapeHtml(kind.replace(/_/g, ' '))}</strong>: ` : ''}${escapeHtml(message)}${fix && !message.includes(fix) ? ` ${escapeHtml(fix)}` : ''}${consentLink(consentUrl)}`;
}

function table(rows: readonly PortfolioTenant[], controls: readonly PortfolioControl[], regressed: ReadonlyMap<string, ReadonlySet<string>>): string {
  // The cloud's prefix is the section's; the full id and title show on hover.
  const head = controls
    .map((control) => `<th class="control" scope="col" title="${escapeHtml(`${control.id}: ${control.title} (${control.severity})`)}">${escapeHtml(control.id.replace(/^(m365|google)\./, ''))}</th>`)
    .join('');
  const body = rows.map((row) => {
    const clinic = `<td class="clinic">${row.name ? `${escapeHtml(row.name)}<span class="id">${escapeHtml(row.id)}</span>` : escapeHtml(row.id)}</td>`;
    if (!row.ok) return `<tr>${clinic}<td class="failure" colspan="${controls.length + 1}">Could not be audited. ${failureText(row)}</td></tr>`;
    const href = escapeHtml(row.readable ?? row.report);
    const counts = `<td><a href="${href}">${row.summary.fail} fail · ${row.summary.warn} warn</a></td>`;
    const cells = controls
      .map((control) => {
        const status = row.cells[control.id];
        if (!status) return '<td class="na" title="not run for this tenant">·</td>';
        const { mark, label } = STATUS_MARK[status];
        const worse = regressed.get(row.slug)?.has(control.id) === true;
        return `<td class="${status}${worse ? ' regressed' : ''}" title="${escapeHtml(`${control.title}: ${label}${worse ? ' (newly failing since the previous sweep)' : ''}`)}"><a href="${href}">${mark}</a></td>`;
      })
      .join('');
    return `<tr>${clinic}${counts}${cells}</tr>`;
  });
  return `<table><thead><tr><th class="clinic" scope="col">Clinic</th><th scope="col">Result</th>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/** Which clinics regressed since the previous sweep, worst first, each with what newly fails and what it was. */
function regressionsSection(regressions: PortfolioRegressions): string {
  const since = `since the previous sweep (run ${escapeHtml(regressions.previousRun.id)}, finished ${escapeHtml(regressions.previousRun.finishedAt)})`;
  if (regressions.tenants.length === 0) {
    return `<section><h2>No clinic regressed ${since}</h2><p class="meta">${regressions.compared} ${regressions.compared === 1 ? 'clinic' : 'clinics'} compared.</p></section>`;
  }
  const items = regressions.tenants.map((tenant) => {
    const name = escapeHtml(tenant.name ? `${tenant.name} (${tenant.id})` : tenant.id);
    if (tenant.couldNotAudit) return `<li><strong>${name}</strong>: audited last time, could not be audited this time (see below).</li>`;
    const controls = tenant.controls.map((control) => `${escapeHtml(control.title)} <span class="id">${escapeHtml(control.controlId)}, ${escapeHtml(control.severity)}; was ${escapeHtml(STATUS_MARK[control.was].label)}</span>`);
    return `<li><strong>${name}</strong>: ${tenant.controls.length} newly failing<ul>${controls.map((text) => `<li>${text}</li>`).join('')}</ul></li>`;
  });
  return `<section><h2>Regressed ${since}: ${regressions.tenants.length} of ${regressions.compared} ${regressions.compared === 1 ? 'clinic' : 'clinics'}</h2><ul class="failures">${items.join('')}</ul></section>`;
}

/**
 * The portfolio page of a sweep: per cloud, a table of its clinics (worst first: those that could
 * not be audited, then by failed controls weighted by severity) against its controls, each cell
 * linking to the clinic's report.
 */
export function formatPortfolioHtml(summary: PortfolioSummary): string {
  const controlsById = new Map(summary.controls.map((control) => [control.id, control]));
  const regressedCells = new Map((summary.regressions?.tenants ?? []).map((tenant) => [tenant.slug, new Set(tenant.controls.map((control) => control.controlId))]));
  const providers = [...new Set(summary.tenants.map((row) => row.provider))];
  const sections = providers.map((provider) => {
    const rows = summary.tenants
      .filter((row) => row.provider === provider)
      .map((row, order) => ({ row, order, score: badness(row, controlsById) }))
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .map(({ row }) => row);
    const used = new Set(rows.flatMap((row) => (row.ok ? Object.keys(row.cells) : [])));
    const controls = summary.controls.filter((control) => used.has(control.id));
    return `<section><h2>${escapeHtml(providerLabel(provider))}: ${rows.length} ${rows.length === 1 ? 'clinic' : 'clinics'}</h2>${table(rows, controls, regressedCells)}</section>`;
  });
  const failed = summary.tenants.filter((row): row is Extract<PortfolioTenant, { ok: false }> => !row.ok);
  const failures = failed.length
    ? `<section><h2>Could not be audited: ${failed.length}</h2><ul class="failures">${failed.map((row) => `<li>${escapeHtml(tenantLabel(row))}: ${failureText(row)}</li>`).join('')}</ul></section>`
    : '';
  const { totals, run } = summary;
  const regressions = summary.regressions ? regressionsSection(summary.regressions) : '';
  const legend = `<p class="legend">${(Object.keys(STATUS_MARK) as Status[]).map((status) => `<span class="${status}">${STATUS_MARK[status].mark} ${escapeHtml(STATUS_MARK[status].label)}</span>`).join('')}</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>tenant-audit portfolio</title><style>${STYLE}</style></head>
<body><h1>HIPAA technical safeguards: portfolio</h1>
<p class="meta">Run ${escapeHtml(run.id)}, started ${escapeHtml(run.startedAt)}, finished ${escapeHtml(run.finishedAt)}${run.source ? `, from ${escapeHtml(run.source)}` : ''}. ${totals.audited} of ${totals.tenants} clinics audited; ${totals.couldNotAudit} could not be audited; ${totals.failingGate} with a failure at or above ${escapeHtml(run.failOn)}.</p>
${regressions}${legend}${failures}${sections.join('\n')}
</body></html>
`;
}

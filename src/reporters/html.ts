import type { AuditReport, Finding, Status } from '../core/model.js';
import { SEVERITY_ORDER } from '../core/model.js';
import { controlDocsUrl } from '../version.js';
import { CONTROL_AREAS, areaOf } from './lib/areas.js';
import { affectedPhrase, citationLine, practiceName, providerLabel } from './lib/describe.js';
import { escapeHtml as h } from './lib/escape.js';
import { answerLabel, countOf } from './lib/words.js';

// One self-contained page a practice manager opens from an e-mail or a shared folder: inline CSS,
// no script, no font, image or other request (the Content-Security-Policy forbids them), every
// value from the report escaped. It prints cleanly (one practice per printed section).

/** How each status reads to a practice manager, and its colour class. */
const STATUS_TEXT: Readonly<Record<Status, string>> = {
  fail: 'Not met',
  error: 'Error',
  warn: 'Needs a look',
  not_assessed: 'Not checked',
  manual: 'Needs your answer',
  pass: 'Met',
};

/** Order on the page and in the bars: gaps first. */
const BAR_ORDER: readonly Status[] = ['fail', 'error', 'warn', 'not_assessed', 'manual', 'pass'];

/** Affected items listed under a gap (the evidence itself holds at most 50). */
const SHOWN_AFFECTED = 50;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "1 December 2026, 09:00 UTC": the same wherever the page is opened. */
function longTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = date.toISOString().slice(11, 16);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${time} UTC`;
}

/** "14 April 2026" from an answer's date (a day, or an instant). */
function longDay(value: string): string {
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => BAR_ORDER.indexOf(a.status) - BAR_ORDER.indexOf(b.status) || SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity),
  );
}

function countBy(findings: readonly Finding[]): Record<Status, number> {
  const counts: Record<Status, number> = { fail: 0, error: 0, warn: 0, not_assessed: 0, manual: 0, pass: 0 };
  for (const finding of findings) counts[finding.status]++;
  return counts;
}

/** A bar of coloured segments, one per status, with the counts spelled out for screen readers. */
function bar(findings: readonly Finding[], className = 'bar'): string {
  const counts = countBy(findings);
  const total = findings.length || 1;
  const label = BAR_ORDER.filter((status) => counts[status]).map((status) => `${counts[status]} ${STATUS_TEXT[status].toLowerCase()}`).join(', ');
  const segments = BAR_ORDER.filter((status) => counts[status])
    .map((status) => `<span class="seg s-${status}" style="width:${((counts[status] / total) * 100).toFixed(2)}%"></span>`)
    .join('');
  return `<div class="${className}" role="img" aria-label="${h(label || 'no checks')}">${segments}</div>`;
}

/** The opening sentence: how the practice stands, in words. */
function verdict(findings: readonly Finding[]): string {
  const counts = countBy(findings);
  const total = findings.length;
  if (total === 0) return 'No checks were run.';
  if (counts.pass === total) return `All ${total} checks are met.`;
  const parts: string[] = [];
  if (counts.fail) parts.push(`${counts.fail} of ${total} checks ${counts.fail === 1 ? 'is' : 'are'} not met`);
  if (counts.warn) parts.push(`${countOf(counts.warn, 'check')} ${counts.warn === 1 ? 'needs' : 'need'} a closer look`);
  if (counts.manual) parts.push(`${countOf(counts.manual, 'question')} ${counts.manual === 1 ? 'needs' : 'need'} an answer from the practice`);
  if (counts.not_assessed + counts.error) parts.push(`${countOf(counts.not_assessed + counts.error, 'check')} could not be run`);
  const sentence = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]!;
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}. ${counts.pass} of ${total} ${counts.pass === 1 ? 'is' : 'are'} met.`;
}

function tiles(findings: readonly Finding[]): string {
  const counts = countBy(findings);
  return `<div class="tiles">${BAR_ORDER.map(
    (status) => `<div class="tile t-${status}${counts[status] ? '' : ' zero'}"><span class="num">${counts[status]}</span><span class="lbl">${STATUS_TEXT[status]}</span></div>`,
  ).join('')}</div>`;
}

function areas(findings: readonly Finding[]): string {
  const rows = CONTROL_AREAS.map((area) => ({ area, findings: findings.filter((finding) => areaOf(finding.controlId).id === area.id) }))
    .filter((row) => row.findings.length)
    .map(({ area, findings: inArea }) => {
      const met = inArea.filter((finding) => finding.status === 'pass').length;
      return `<tr><th scope="row">${h(area.label)}</th><td class="area-bar">${bar(inArea, 'bar small')}</td><td class="area-count">${met} of ${inArea.length} met</td></tr>`;
    });
  return `<table class="areas"><caption>By area</caption><tbody>${rows.join('')}</tbody></table>`;
}

function legend(): string {
  return `<p class="legend">${BAR_ORDER.map((status) => `<span><i class="dot s-${status}"></i>${STATUS_TEXT[status]}</span>`).join('')}</p>`;
}

function badge(finding: Finding): string {
  return `<span class="badge b-${finding.status}">${STATUS_TEXT[finding.status]}</span><span class="sev">${h(finding.severity)} priority</span>`;
}

function affectedList(finding: Finding): string {
  const { affected, affectedCount } = finding.evidence;
  if (affectedCount === 0) return '';
  const shown = affected.slice(0, SHOWN_AFFECTED);
  const items = shown.map((item) => `<li><span class="who">${h(item.name ?? item.id)}</span>${item.detail ? ` <span class="why">${h(item.detail)}</span>` : ''}</li>`).join('');
  const more = affectedCount - shown.length;
  const heading = affectedPhrase(finding.evidence) ?? '';
  return `<div class="affected"><h4>${h(heading)}</h4>${items ? `<ul>${items}</ul>` : ''}${more > 0 ? `<p class="more">and ${more} more not listed</p>` : ''}</div>`;
}

function references(finding: Finding): string {
  const hipaa = finding.hipaa.map((id) => h(citationLine(id))).join('; ');
  return `<p class="refs">HIPAA ${hipaa} · <span class="cid">${h(finding.controlId)}</span> · <a href="${h(controlDocsUrl(finding.controlId))}">how this is checked</a></p>`;
}

function attestationNote(finding: Finding): string {
  if (!finding.attestation) return '';
  const { name, by, date } = finding.attestation;
  return `<p class="rests">Rests on the answer given for <b>${h(answerLabel(name))}</b>${by ? ` by ${h(by)}` : ''}${date ? ` on ${h(longDay(date))}` : ''}: no system can show this.</p>`;
}

/** A gap (or an unanswered question): what was found, what to do, who and what is affected. */
function gapCard(finding: Finding): string {
  const needs = finding.reason?.needs?.length ? `<p class="needs"><b>To check this, grant:</b> ${h(finding.reason.needs.join('; '))}</p>` : '';
  return `<article class="finding f-${finding.status}">
<div class="fhead">${badge(finding)}</div>
<h3 class="finding-title">${h(finding.title)}</h3>
<p class="summary">${h(finding.summary)}</p>
${needs}${attestationNote(finding)}<div class="todo"><h4>What to do</h4><p>${h(finding.remediation)}</p></div>
${affectedList(finding)}${references(finding)}
</article>`;
}

function passedItem(finding: Finding): string {
  return `<li class="passed-item"><span class="tick" aria-hidden="true"></span><div><h3 class="finding-title">${h(finding.title)}</h3><p>${h(finding.summary)}</p>${attestationNote(finding)}</div></li>`;
}

/** How each answer of a configuration file reads. */

const FIELD_LABELS: Readonly<Record<string, string>> = {
  location: 'kept at',
  configured: 'configured',
  vendor: 'vendor',
  coverage: 'staff trained',
  lastRestoreTest: 'last restore test',
  note: 'note',
  service: 'service',
  kind: 'kind',
  baaDate: 'BAA signed',
  covers: 'covers',
};


function fieldValue(key: string, value: unknown): string {
  if (key === 'coverage' && typeof value === 'number') return `${value}%`;
  if ((key === 'lastRestoreTest' || key === 'baaDate' || key === 'date') && typeof value === 'string') return longDay(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
}

/** An answer's own facts (vendor, coverage, where kept...), without who and when: "vendor: Keepsafe; last restore test: 8 October 2026". */
function answerFacts(answer: Record<string, unknown>): string {
  return Object.entries(answer)
    .filter(([key, value]) => key !== 'by' && key !== 'date' && value !== undefined)
    .map(([key, value]) => `<span class="k">${h(FIELD_LABELS[key] ?? key)}:</span> ${h(fieldValue(key, value))}`)
    .join('; ');
}

function answersSection(report: AuditReport): string {
  const attestations = report.settings.attestations as Record<string, unknown>;
  const restingOn = (name: string) => report.findings.filter((finding) => finding.attestation?.name === name);
  const names = [...new Set([...Object.keys(attestations).filter((name) => attestations[name] !== undefined), ...report.findings.flatMap((f) => (f.attestation ? [f.attestation.name] : []))])];
  if (names.length === 0) {
    return '<p class="empty">No answers were given: the practice has no configuration file of answers yet (see the questions below).</p>';
  }
  const rows = names.map((name) => {
    const answer = attestations[name];
    const findings = restingOn(name);
    const entries = Array.isArray(answer) ? (answer as Record<string, unknown>[]) : answer && typeof answer === 'object' ? [answer as Record<string, unknown>] : [];
    const ref = findings.find((finding) => finding.attestation)?.attestation;
    const facts = Array.isArray(answer)
      ? `<ul class="entries">${entries.map((entry) => `<li><b>${h(String(entry['name'] ?? ''))}</b>: ${answerFacts(Object.fromEntries(Object.entries(entry).filter(([key]) => key !== 'name')))}</li>`).join('')}</ul>`
      : answerFacts(entries[0] ?? {});
    const by = (entries[0]?.['by'] as string | undefined) ?? ref?.by;
    const date = (entries[0]?.['date'] as string | undefined) ?? ref?.date;
    const used = findings.length ? findings.map((finding) => h(finding.title)).join('<br>') : '<span class="muted">none named</span>';
    return `<tr><th scope="row">${h(answerLabel(name))}</th><td>${facts || '<span class="muted">given</span>'}</td><td>${by ? h(by) : '<span class="muted">no one named</span>'}</td><td>${date ? h(longDay(date)) : '<span class="muted">no date</span>'}</td><td>${used}</td></tr>`;
  });
  return `<p class="intro">No system can show these; people at the practice gave them in its configuration file. A check that rests on an answer is only as good as the answer.</p>
<table class="answers"><thead><tr><th scope="col">Question</th><th scope="col">Answer</th><th scope="col">Who answered</th><th scope="col">When</th><th scope="col">Checks that rest on it</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function tenantSection(report: AuditReport, index: number, several: boolean): string {
  const findings = bySeverity(report.findings);
  const gaps = findings.filter((finding) => finding.status !== 'pass' && finding.status !== 'manual');
  const passed = findings.filter((finding) => finding.status === 'pass');
  const unanswered = findings.filter((finding) => finding.status === 'manual');
  const title = several ? 'h2' : 'h1';
  return `<section class="tenant" id="tenant-${index + 1}">
<header class="head">
<p class="eyebrow">HIPAA Security Rule · safeguards check</p>
<${title} class="practice">${h(practiceName(report))}</${title}>
<p class="meta">${h(providerLabel(report.provider))} · tenant ${h(report.tenant.id)} · data collected ${h(longTime(report.collectedAt))}</p>
</header>
<div class="overview">
<p class="verdict">${h(verdict(findings))}</p>
${tiles(findings)}
${bar(findings, 'bar big')}
${legend()}
${areas(findings)}
</div>
<section class="part"><h2>What needs attention <span class="count">${gaps.length}</span></h2>
${gaps.length ? gaps.map(gapCard).join('\n') : '<p class="empty">Nothing: every check that could be run is met.</p>'}
</section>
<section class="part"><h2>What passed <span class="count">${passed.length}</span></h2>
${passed.length ? `<ul class="passed">${passed.map(passedItem).join('\n')}</ul>` : '<p class="empty">No check passed yet.</p>'}
</section>
<section class="part"><h2>Answers given by people</h2>
${answersSection(report)}
</section>
<section class="part"><h2>Still unanswered <span class="count">${unanswered.length}</span></h2>
${unanswered.length ? unanswered.map(gapCard).join('\n') : '<p class="empty">Nothing: every question has an answer.</p>'}
</section>
<p class="foot">${h(report.tool.name)} ${h(report.tool.version)} read this tenant’s settings without changing anything. “Not met” means the setting does not meet the safeguard; “Needs a look” that it is met with caveats; “Not checked” that the data could not be read (the card says what to grant); “Error” that the check failed unexpectedly; “Needs your answer” that no system can show it.</p>
</section>`;
}

const STYLE = `
:root{--ink:#1d2939;--muted:#667085;--line:#e4e7ec;--bg:#f6f7f9;--fail:#c0362c;--error:#7a2e98;--warn:#c4720a;--not_assessed:#8a94a6;--manual:#2563c9;--pass:#1f8a4c}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif}
main{max-width:980px;margin:0 auto;padding:32px 24px 48px}
a{color:#1f5fbf}
h1,h2,h3,h4{line-height:1.25;margin:0}
.portfolio{margin-bottom:24px}.portfolio h1{font-size:28px}.portfolio ol{padding-left:20px}
.tenant{background:#fff;border:1px solid var(--line);border-radius:12px;padding:32px;margin-bottom:32px}
.eyebrow{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:12px;font-weight:600;color:var(--muted)}
.practice{font-size:30px;margin:4px 0 6px}
.meta{margin:0;color:var(--muted);font-size:14px}
.overview{margin:24px 0 8px;padding:20px;border-radius:10px;background:#fbfbfc;border:1px solid var(--line)}
.verdict{font-size:18px;font-weight:600;margin:0 0 16px}
.tiles{display:grid;grid-template-columns:repeat(6,1fr);gap:10px;margin-bottom:16px}
.tile{border-radius:8px;padding:10px 12px;background:#fff;border:1px solid var(--line);border-top:4px solid var(--c)}
.tile .num{display:block;font-size:26px;font-weight:700;color:var(--c)}
.tile .lbl{font-size:12.5px;color:var(--muted);white-space:nowrap}
.tile.zero .num{color:#c0c5cf}
.t-fail,.s-fail,.b-fail,.f-fail{--c:var(--fail)}.t-error,.s-error,.b-error,.f-error{--c:var(--error)}.t-warn,.s-warn,.b-warn,.f-warn{--c:var(--warn)}
.t-not_assessed,.s-not_assessed,.b-not_assessed,.f-not_assessed{--c:var(--not_assessed)}.t-manual,.s-manual,.b-manual,.f-manual{--c:var(--manual)}.t-pass,.s-pass,.b-pass,.f-pass{--c:var(--pass)}
.bar{display:flex;height:14px;border-radius:7px;overflow:hidden;background:var(--line)}
.bar.big{height:18px;border-radius:9px}
.bar.small{height:12px;min-width:160px}
.seg{display:block;height:100%;background:var(--c)}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;margin:10px 0 18px;font-size:13px;color:var(--muted)}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;background:var(--c);margin-right:6px;vertical-align:-1px}
table{border-collapse:collapse;width:100%}
.areas caption{text-align:left;font-weight:700;font-size:15px;margin-bottom:6px}
.areas th,.areas td{padding:6px 8px;border-top:1px solid var(--line);text-align:left;font-weight:normal}
.areas th{width:30%}.area-bar{width:50%}.area-count{width:20%;text-align:right;color:var(--muted);font-size:14px;white-space:nowrap}
.part{margin-top:32px}
.part>h2{font-size:21px;padding-bottom:8px;border-bottom:2px solid var(--ink);margin-bottom:16px}
.count{display:inline-block;min-width:28px;padding:0 8px;margin-left:6px;border-radius:14px;background:var(--bg);border:1px solid var(--line);font-size:14px;text-align:center;vertical-align:3px}
.finding{border:1px solid var(--line);border-left:6px solid var(--c);border-radius:8px;padding:16px 18px;margin-bottom:14px;break-inside:avoid}
.fhead{display:flex;gap:10px;align-items:center;margin-bottom:6px}
.badge{display:inline-block;padding:2px 10px;border-radius:12px;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;color:#fff;background:var(--c)}
.sev{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.finding-title{font-size:17px;margin:2px 0 6px}
.summary{margin:0 0 10px}
.todo{background:#f3f6fb;border-radius:6px;padding:10px 14px;margin:10px 0}
.todo h4,.affected h4{font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin-bottom:4px}
.todo p{margin:0}
.affected ul{margin:4px 0 0;padding-left:18px;columns:2;column-gap:28px;font-size:13.5px}
.affected li{break-inside:avoid;margin-bottom:3px;overflow-wrap:anywhere}
.affected .why{color:var(--muted)}
.more{margin:4px 0 0;font-size:13px;color:var(--muted)}
.refs{margin:10px 0 0;font-size:12.5px;color:var(--muted)}
.cid{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
.needs,.rests{margin:6px 0;font-size:14px}
.passed{list-style:none;margin:0;padding:0}
.passed-item{display:flex;gap:12px;padding:10px 0;border-bottom:1px solid var(--line);break-inside:avoid}
.passed-item .finding-title{font-size:15px;margin:0 0 2px}
.passed-item p{margin:0;font-size:14px;color:#475467}
.tick{flex:none;width:20px;height:20px;border-radius:50%;background:var(--pass);position:relative;margin-top:1px}
.tick::after{content:"";position:absolute;left:7px;top:3px;width:5px;height:10px;border:solid #fff;border-width:0 2px 2px 0;transform:rotate(45deg)}
.intro{color:#475467;margin:0 0 12px}
.answers th,.answers td{padding:8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;font-size:14px}
.answers thead th{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);border-bottom:2px solid var(--line)}
.answers tbody th{font-weight:600}
.answers .k{color:var(--muted)}
.entries{margin:0;padding-left:16px}.entries li{margin-bottom:2px}
.muted,.empty{color:var(--muted)}
.foot{margin:32px 0 0;padding-top:12px;border-top:1px solid var(--line);font-size:12.5px;color:var(--muted)}
@media (max-width:700px){.tiles{grid-template-columns:repeat(3,1fr)}.tenant{padding:20px}.affected ul{columns:1}}
@page{margin:14mm}
@media print{body{background:#fff}main{max-width:none;padding:0}.tenant{border:0;border-radius:0;padding:0;margin:0}.tenant+.tenant{break-before:page}
.portfolio{break-after:page}.finding,.passed-item,.answers tr,.overview{break-inside:avoid}a{color:inherit;text-decoration:none}.part>h2{break-after:avoid}}
`;

/**
 * The reports as one self-contained HTML page for a practice manager: per practice its name and
 * date, an overall picture (counts by status, a bar per area), the gaps first with what to do,
 * then what passed, the answers given by people (who and when) and what is still unanswered.
 * No script and no request of any kind (a Content-Security-Policy forbids them); printable.
 */
export function renderHtml(reports: readonly AuditReport[]): string {
  const several = reports.length > 1;
  const title = several ? `HIPAA safeguards check: ${reports.length} practices` : `HIPAA safeguards check: ${reports[0] ? practiceName(reports[0]) : 'no practice'}`;
  const contents = several
    ? `<header class="portfolio"><p class="eyebrow">HIPAA Security Rule · safeguards check</p><h1>${reports.length} practices</h1><ol>${reports
        .map((report, index) => `<li><a href="#tenant-${index + 1}">${h(practiceName(report))}</a> <span class="muted">(${h(providerLabel(report.provider))}): ${h(verdict(report.findings))}</span></li>`)
        .join('')}</ol></header>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="tenant-audit">
<title>${h(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${contents}${reports.map((report, index) => tenantSection(report, index, several)).join('\n')}
</main>
</body>
</html>
`;
}

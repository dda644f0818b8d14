import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/core/model.js';
import { formatHtml } from '../../src/reporters/index.js';
import { findChromium, startChromium } from '../../scripts/lib/chromium.js';
import { demoReports, findingLike, reportOf } from '../fixtures/reports.js';

const CSP = `default-src 'none'; style-src 'unsafe-inline'; img-src data:`;
const HOSTILE = 'Evil <script>alert(1)</script> & "Sons" <img src=x onerror=alert(2)>';

describe('the HTML report (static)', () => {
  it('is one self-contained page: a CSP that forbids every request, no script, nothing loaded', async () => {
    const html = formatHtml(await demoReports());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP.replace(/'/g, "'")}">`);
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|<img|@import|url\(/i);
    expect(html).not.toMatch(/\ssrc=/i);
    // The only links are to the control documentation and to sections of the page itself.
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^(#tenant-\d+|https:\/\/github\.com\/tenant-audit\/tenant-audit\/blob\/main\/docs\/controls\/[a-z0-9.-]+\.md)$/);
    expect(html).toContain('@media print');
  });

  it('escapes all text from the report', () => {
    const finding = findingLike(0, {
      status: 'fail',
      summary: `${HOSTILE} can sign in.`,
      evidence: { affected: [{ type: 'user', id: 'u1', name: HOSTILE, detail: '</li></ul><h1>x</h1>' }], affectedCount: 1, total: 1 },
    });
    const html = formatHtml(reportOf({ id: 'contoso.example', name: HOSTILE }, [finding]));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('</li></ul><h1>x</h1>');
    expect(html).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot; &lt;img src=x onerror=alert(2)&gt;');
  });

  it('says who answered and when, and what is still unanswered', async () => {
    const [harbour, riverside] = await demoReports();
    const answered = formatHtml(harbour!);
    expect(answered).toContain('Answers given by people');
    expect(answered).toContain('Helen Price, practice manager');
    expect(answered).toContain('14 April 2026');
    expect(answered).toContain('Keepsafe Cloud Backup');
    const unanswered = formatHtml(riverside!);
    const still = unanswered.slice(unanswered.indexOf('Still unanswered'));
    for (const finding of riverside!.findings.filter((candidate) => candidate.status === 'manual')) expect(still).toContain(finding.title);
    expect(unanswered).toContain('No answers were given');
  });
});

// A real browser: Debian's `chromium` driven by puppeteer-core. Without one installed the tests
// skip, unless TENANT_AUDIT_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
const chromium = findChromium();
const browserRequired = process.env['TENANT_AUDIT_REQUIRE_BROWSER'] === '1';
if (!chromium && !browserRequired) {
  console.warn('html.test.ts: skipping the headless-browser tests: no Chromium installed (apt-get install chromium, or set CHROMIUM_PATH).');
}

interface Visit {
  page: Page;
  requests: string[];
  problems: string[];
}

describe.skipIf(!chromium && !browserRequired)('the HTML report in headless Chromium (skipped without Chromium unless TENANT_AUDIT_REQUIRE_BROWSER=1)', () => {
  let browser: Browser;
  let reports: AuditReport[];
  const dir = mkdtempSync(join(tmpdir(), 'tenant-audit-html-'));

  beforeAll(async () => {
    if (!chromium) throw new Error('TENANT_AUDIT_REQUIRE_BROWSER=1 but no Chromium was found: install it (apt-get install chromium) or set CHROMIUM_PATH');
    browser = await startChromium(chromium);
    reports = await demoReports();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Open a page from a file, recording every request and every console error or page error. */
  async function visit(html: string, name: string): Promise<Visit> {
    const file = join(dir, name);
    writeFileSync(file, html);
    const page = await browser.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${String(error)}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, requests, problems };
  }

  /** The text of every visible finding title on the page. */
  function visibleTitles(page: Page): Promise<string[]> {
    return page.evaluate(`[...document.querySelectorAll('.finding-title')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return box.width > 0 && box.height > 0 && style.visibility === 'visible' && style.display !== 'none' && Number(style.opacity) > 0;
      })
      .map((element) => element.textContent)`) as Promise<string[]>;
  }

  it('loads the demo practices with no request beyond the file itself and no console error', async () => {
    const { page, requests, problems } = await visit(formatHtml(reports), 'demo.html');
    expect(requests).toEqual([page.url()]);
    expect(problems).toEqual([]);
    const sections = await page.evaluate(`document.querySelectorAll('section.tenant').length`);
    expect(sections).toBe(reports.length);
    await page.close();
  });

  it('shows every finding’s title, on screen and in print', async () => {
    const { page, problems } = await visit(formatHtml(reports), 'titles.html');
    const expected = reports.flatMap((report) => report.findings.map((finding) => finding.title)).sort();
    expect((await visibleTitles(page)).sort()).toEqual(expected);
    await page.emulateMediaType('print');
    expect((await visibleTitles(page)).sort()).toEqual(expected);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('runs nothing from hostile tenant text and shows it as text', async () => {
    const finding = findingLike(0, { status: 'fail', title: HOSTILE });
    const { page, problems, requests } = await visit(formatHtml(reportOf({ id: 'contoso.example', name: HOSTILE }, [finding])), 'hostile.html');
    expect(problems).toEqual([]);
    expect(requests).toEqual([page.url()]);
    expect(await page.evaluate(`document.querySelector('h1.practice').textContent`)).toBe(HOSTILE);
    expect(await visibleTitles(page)).toEqual([HOSTILE]);
    expect(await page.evaluate(`document.querySelectorAll('script, img').length`)).toBe(0);
    await page.close();
  });
});

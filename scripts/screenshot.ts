// Writes docs/images/report-html.png: the HTML report of the demo's typical Microsoft 365 practice
// (the one with the usual gaps), as the README shows it. Needs Chromium (Debian: apt-get install chromium).
import { writeFileSync } from 'node:fs';
import { runDemo } from '../src/cli/demo.js';
import { formatHtml } from '../src/reporters/index.js';
import { findChromium, startChromium } from './lib/chromium.js';

const executablePath = findChromium();
if (!executablePath) {
  console.error('screenshot: no Chromium found; install it (Debian: apt-get install chromium) or set CHROMIUM_PATH');
  process.exit(2);
}
const reports = await runDemo();
const typical = reports.find((report) => report.provider === 'm365' && report.summary.fail > 0);
if (!typical) throw new Error('the demo has no Microsoft 365 practice with gaps');
const browser = await startChromium(executablePath);
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 1500, deviceScaleFactor: 1 });
  await page.setContent(formatHtml(typical), { waitUntil: 'load' });
  const png = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 1100, height: 1500 } });
  writeFileSync(new URL('../docs/images/report-html.png', import.meta.url), png);
  console.log(`wrote docs/images/report-html.png (${typical.tenant.name ?? typical.tenant.id}, ${png.length} bytes)`);
} finally {
  await browser.close();
}

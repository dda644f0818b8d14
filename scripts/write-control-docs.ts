// Brings the generated sections ("Data read", "Permissions") of every docs/controls page up to
// date from the code; a test fails when a committed page is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { controlCatalogue } from '../src/controls/index.js';
import { withGeneratedSections } from '../src/engine/control-docs.js';

let changed = 0;
for (const control of controlCatalogue) {
  const file = new URL(`../docs/controls/${control.meta.id}.md`, import.meta.url);
  const page = readFileSync(file, 'utf8');
  const next = withGeneratedSections(page, control);
  if (next !== page) {
    writeFileSync(file, next);
    changed += 1;
  }
}
console.log(`updated ${changed} of ${controlCatalogue.length} control pages`);

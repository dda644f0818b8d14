import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { controls } from '../../src/engine/catalogue.js';
import { datasetSchemas } from '../../src/datasets/index.js';
import { hipaaCitations } from '../../src/frameworks/hipaa.js';
import { controlCatalogue } from '../../src/controls/index.js';
import { m365Collectors } from '../../src/providers/m365/collectors.js';
import { googleCollectors } from '../../src/providers/google/collectors.js';
import type { Requirement } from '../../src/core/permissions.js';
import { withGeneratedSections } from '../../src/engine/control-docs.js';
import { readdirSync } from 'node:fs';

const allCollectors: Record<string, { requirements: readonly Requirement[] } | undefined> = { ...m365Collectors, ...googleCollectors };
/** Requirement kinds that are something an admin grants (not a licence). */
const GRANT_KINDS: readonly string[] = ['graph-application-permission', 'exchange-application-permission', 'exchange-role', 'google-scope'];

const root = new URL('../../', import.meta.url);
const fileOf = (id: string) => {
  const [provider, ...rest] = id.split('.');
  return `src/controls/${provider}/${rest.join('-')}.ts`;
};

describe('the control catalogue', () => {
  it('lists the Microsoft 365 and Google Workspace controls', () => {
    expect(controls.map((control) => control.id).sort()).toEqual(
      [
        'google.accounts.departed-staff',
        'google.accounts.shared-use',
        'google.accounts.suspended-licensed',
        'google.audit.retention',
        'google.backup.configured',
        'google.devices.encryption',
        'google.email.auto-forwarding',
        'google.email.dlp',
        'google.email.encryption',
        'google.license.baa-eligible',
        'google.mfa.enforced',
        'google.mfa.enrolled',
        'google.session.length',
        'google.sharing.external',
        'm365.accounts.departed-staff',
        'm365.accounts.emergency-access',
        'm365.backup.configured',
        'm365.devices.screen-lock',
        'm365.email.auto-forwarding',
        'm365.sharing.external-links',
        'm365.accounts.shared-mailbox-sign-in',
        'm365.audit.logging',
        'm365.audit.retention',
        'm365.email.dlp',
        'm365.email.encryption',
        'm365.accounts.disabled-licensed',
        'm365.accounts.shared-use',
        'm365.devices.encryption',
        'm365.license.baa-eligible',
        'm365.mfa.admins',
        'm365.mfa.enforced',
        'm365.mfa.legacy-auth-blocked',
        'm365.mfa.registered',
        'm365.session.idle-timeout',
        'practice.backup-restore-test',
        'practice.business-associates',
        'practice.risk-analysis',
        'practice.security-training',
      ].sort(),
    );
  });

  it('keeps only controls in controls/<cloud>/ (helpers live in lib/)', () => {
    for (const cloud of ['m365', 'google']) {
      const files = readdirSync(new URL(`src/controls/${cloud}/`, root), { withFileTypes: true }).filter((entry) => entry.isFile());
      for (const file of files) {
        const id = `${cloud}.${file.name.replace(/\.ts$/, '').replace('-', '.')}`;
        expect(controls.some((control) => fileOf(control.id) === `src/controls/${cloud}/${file.name}`), `${file.name} (${id}) is not a control`).toBe(true);
      }
    }
  });

  it('charges a permission that one field needs only to the controls that read that field', () => {
    const needing = controls.filter((control) => control.requirements.some((r) => r.name === 'User-LifeCycleInfo.Read.All')).map((control) => control.id);
    expect(needing).toEqual(['m365.accounts.departed-staff']);
    const readingUsers = controls.filter((control) => control.datasets.includes('m365.users' as never));
    expect(readingUsers.length).toBeGreaterThan(5);
  });

  it('has unique ids', () => {
    const ids = controls.map((control) => control.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe.each(controlCatalogue.map((control) => [control.meta.id, control] as const))('%s', (id, control) => {
    it('lives in the file named after its id', async () => {
      const file = fileOf(id);
      expect(existsSync(new URL(file, root)), file).toBe(true);
      const module = (await import(new URL(file, root).href)) as Record<string, unknown>;
      expect(Object.values(module)).toContain(control);
    });

    it('has a doc page that names it and has every section', () => {
      const page = new URL(`docs/controls/${id}.md`, root);
      expect(existsSync(page), `docs/controls/${id}.md`).toBe(true);
      const text = readFileSync(page, 'utf8');
      expect(text.split('\n')[0]).toContain(id);
      for (const section of ['## What it checks', '## Why it matters', '## Data read', '## Permissions', '## How to fix']) {
        expect(text, `${id} doc lacks "${section}"`).toContain(section);
      }
      for (const citation of control.meta.hipaa) expect(text).toContain(citation);
    });

    it("has the doc page's Data read and Permissions sections the code gives (npm run docs:controls)", () => {
      const page = readFileSync(new URL(`docs/controls/${id}.md`, root), 'utf8');
      expect(withGeneratedSections(page, control)).toBe(page);
      const permissions = page.slice(page.indexOf('## Permissions'), page.indexOf('\n## ', page.indexOf('## Permissions') + 1));
      for (const requirement of controls.find((info) => info.id === id)!.requirements) expect(permissions).toContain(`\`${requirement.name}\``);
    });

    it('cites only known HIPAA sections', () => {
      expect(control.meta.hipaa.length).toBeGreaterThan(0);
      for (const citation of control.meta.hipaa) expect(Object.keys(hipaaCitations)).toContain(citation);
    });

    it('reads only datasets that have a schema and a collector declaring its permissions', () => {
      if (control.meta.datasets.length === 0) {
        // Judged from attestations: it needs no grant to run, and its page says so. Service data it
        // reads as optional evidence has a schema and a collector, and every grant for it is optional.
        const optional = control.meta.optionalDatasets ?? [];
        const requirements = controls.find((info) => info.id === id)!.requirements;
        expect(requirements.every((requirement) => requirement.optional)).toBe(true);
        for (const dataset of optional) {
          expect(Object.keys(datasetSchemas)).toContain(dataset);
          expect(allCollectors[dataset], `collector for ${dataset}`).toBeDefined();
        }
        const page = readFileSync(new URL(`docs/controls/${id}.md`, root), 'utf8');
        if (optional.length === 0) {
          expect(requirements).toEqual([]);
          expect(page).toContain('No service data: the control is judged from the answers given in the configuration (attestations).');
          expect(page).toContain('None: nothing is read from the service.');
        } else {
          expect(page).toContain('(optional: read when it can be; the control runs without it)');
        }
        return;
      }
      for (const dataset of control.meta.datasets) {
        expect(Object.keys(datasetSchemas)).toContain(dataset);
        const collector = allCollectors[dataset];
        expect(collector, `collector for ${dataset}`).toBeDefined();
        expect(collector!.requirements.some((r) => GRANT_KINDS.includes(r.kind) && !r.optional)).toBe(true);
      }
      expect(controls.find((info) => info.id === id)!.requirements.length).toBeGreaterThan(0);
    });

    it('has a title, references and a remediation a reader can act on', () => {
      expect(control.meta.title.length).toBeGreaterThan(10);
      expect(control.meta.remediation.length).toBeGreaterThan(30);
      expect(control.meta.references.length).toBeGreaterThan(0);
    });
  });
});

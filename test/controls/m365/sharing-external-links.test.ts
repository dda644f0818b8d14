import { describe, expect, it } from 'vitest';
import { sharingExternalLinks } from '../../../src/controls/m365/sharing-external-links.js';
import { baselineData } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

function withCapability(sharingCapability: string) {
  const data = baselineData();
  data['m365.sharePointSettings'].sharingCapability = sharingCapability;
  return data;
}

describe('m365.sharing.external-links', () => {
  it('passes when sharing is limited to existing guests', () => {
    const finding = runControl(sharingExternalLinks, baselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('SharePoint and OneDrive do not allow "Anyone" links: people can share only with guests already in the directory.');
    expect(finding.evidence).toMatchObject({ sharingCapability: 'existingExternalUserSharingOnly', sharingDomainRestrictionMode: 'none', isResharingByExternalUsersEnabled: false });
    expect(finding.evidence.notInGraph).toContain('default sharing link type');
  });

  it('"Anyone" links (externalUserAndGuestSharing) fail', () => {
    const finding = runControl(sharingExternalLinks, withCapability('externalUserAndGuestSharing'));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('SharePoint and OneDrive allow "Anyone" links: a file shared that way opens for whoever has the link, without signing in.');
    expect(finding.evidence.affected).toEqual([{ type: 'setting', id: 'sharingCapability', name: 'External sharing', detail: 'people can share with anyone through links that need no sign-in ("Anyone" links)' }]);
  });

  it('new and existing guests pass: guests must sign in or enter a code', () => {
    expect(runControl(sharingExternalLinks, withCapability('externalUserSharingOnly')).status).toBe('pass');
  });

  it('no external sharing passes', () => {
    expect(runControl(sharingExternalLinks, withCapability('disabled')).summary).toContain('only inside the organization');
  });

  it('a value it does not know warns rather than passes', () => {
    const finding = runControl(sharingExternalLinks, withCapability('unknownFutureValue'));
    expect(finding.status).toBe('warn');
  });

  it('reports the domain restrictions Graph gives', () => {
    const data = baselineData();
    Object.assign(data['m365.sharePointSettings'], { sharingDomainRestrictionMode: 'allowList', sharingAllowedDomainList: ['billing-partner.example'] });
    expect(runControl(sharingExternalLinks, data).evidence).toMatchObject({ sharingDomainRestrictionMode: 'allowList', sharingAllowedDomainList: ['billing-partner.example'] });
  });

  it('is not assessed without SharePointTenantSettings.Read.All', () => {
    const finding = runControl(sharingExternalLinks, {
      'm365.sharePointSettings': failed({ kind: 'permission', detail: 'Graph refused access (403 accessDenied)', needs: ['Graph application permission SharePointTenantSettings.Read.All'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Graph application permission SharePointTenantSettings.Read.All']);
  });
});

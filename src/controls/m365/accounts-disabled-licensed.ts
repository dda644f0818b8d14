import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import { describeLicenceTally, tallyLicences } from '../lib/licences.js';
import { BAA_SKUS } from './lib/baa-skus.js';
import { count, noneOf } from '../lib/text.js';

/**
 * Disabled accounts should not keep licences: a leftover licence keeps the former user's
 * mailbox and OneDrive live and costs money, and often means the leaving checklist stopped
 * half-way. Warns (never fails): some disabled accounts hold a licence on purpose.
 */
export const accountsDisabledLicensed = defineControl({
  meta: {
    id: 'm365.accounts.disabled-licensed',
    provider: 'm365',
    title: 'Disabled accounts hold no licences',
    severity: 'low',
    hipaa: ['164.308(a)(3)(ii)(C)'],
    references: [
      'https://learn.microsoft.com/microsoft-365/admin/add-users/remove-former-employee',
      'https://learn.microsoft.com/microsoft-365/admin/manage/remove-licenses-from-users',
      'https://learn.microsoft.com/graph/api/resources/subscribedsku',
    ],
    datasets: ['m365.users', 'm365.subscribedSkus'],
    remediation:
      'In the Microsoft 365 admin center go to Users > Active users, filter on "Sign-in blocked", open each account listed and under "Licenses and apps" clear its licences. Before that, keep what must be kept: convert the mailbox to a shared mailbox (no licence needed under 50 GB) or place it on hold so it becomes an inactive mailbox. A licence is only justified for a shared mailbox over 50 GB, with an archive, or on litigation hold: note why for those.',
  },
  evaluate: ({ data }) => {
    const { users } = data['m365.users'];
    const partNumbers = new Map(data['m365.subscribedSkus'].skus.map((s) => [s.skuId.toLowerCase(), s.skuPartNumber]));
    // A licence whose SKU the tenant no longer lists is named by its GUID.
    const skuName = (skuId: string) => partNumbers.get(skuId.toLowerCase()) ?? skuId;
    // The product name people see in the admin center, with the part number an admin searches for.
    const displayName = (name: string) => (BAA_SKUS[name] ? `${BAA_SKUS[name].name} (${name})` : name);

    const disabled = users.filter((u) => u.accountEnabled === false);
    const licensed = disabled.filter((u) => u.assignedLicenses.length > 0);

    const licencesBySku: Record<string, number> = {};
    const affected: AffectedItem[] = licensed.map((u) => {
      const names = u.assignedLicenses.map((l) => skuName(l.skuId));
      tallyLicences(licencesBySku, names);
      return { type: 'user', id: u.id, name: u.userPrincipalName, detail: `holds ${names.map(displayName).join(', ')}` };
    });

    const evidence = evidenceOf(affected, { total: disabled.length, licencesBySku });
    if (affected.length === 0) {
      return {
        status: 'pass',
        summary: `${noneOf(disabled.length, 'disabled account', 'disabled accounts', 'holds a licence', 'holds no licence')}.`,
        evidence,
      };
    }
    const held = describeLicenceTally(Object.fromEntries(Object.entries(licencesBySku).map(([name, n]) => [displayName(name), n])));
    return {
      status: 'warn',
      summary: `${affected.length} of ${count(disabled.length, 'disabled account')} still ${affected.length === 1 ? 'holds' : 'hold'} licences (${held}).`,
      evidence,
    };
  },
});

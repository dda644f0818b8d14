import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { GoogleLicensesDataset } from '../../datasets/google.js';
import { describeLicenceTally, tallyLicences } from '../lib/licences.js';
import { ARCHIVED_USER_PRODUCT_ID, FORMER_STAFF_SKU_IDS, licenceName } from './lib/workspace-skus.js';
import { GOOGLE_LICENSE_PRODUCTS, licenseProductName } from '../../datasets/google-constants.js';
import { count, noneOf } from '../lib/text.js';

type Assignment = GoogleLicensesDataset['assignments'][number];

/** Licences made for people who left (Archived User, Vault Former Employee): holding them is the point. */
const isFormerStaffLicence = (a: Assignment) => a.productId === ARCHIVED_USER_PRODUCT_ID || FORMER_STAFF_SKU_IDS.has(a.skuId);

/**
 * Suspended users should not keep Workspace or add-on licences (Google Voice, Vault, Gemini...):
 * Google bills a suspended user like an active one, and a suspended account left licensed often
 * means the leaving checklist stopped half-way. Archived User and Vault Former Employee licences are
 * made for leavers and do not count. Warns (never fails): suspension itself already blocks sign-in.
 * Never passes when the licence data lacks some of the add-on products (an older snapshot).
 */
export const googleAccountsSuspendedLicensed = defineControl({
  meta: {
    id: 'google.accounts.suspended-licensed',
    provider: 'google-workspace',
    title: 'Suspended users hold no Workspace or add-on licences',
    severity: 'low',
    hipaa: ['164.308(a)(3)(ii)(C)'],
    references: [
      'https://support.google.com/a/answer/33312',
      'https://support.google.com/a/answer/9048836',
      'https://developers.google.com/workspace/admin/licensing/v1/how-tos/products',
    ],
    datasets: ['google.users', 'google.licenses'],
    remediation:
      'For each suspended user listed, decide what must be kept. To keep their mail and files for retention, archive the user in the Google Admin console (Directory > Users, point to the user > More options > Archive user); this moves them to a cheaper Archived User licence and frees the Workspace licence (Archived User licences are bought under Billing > Subscriptions). Otherwise transfer their Drive files and mail to a colleague and delete the account. Removing the licence alone does not free the seat and can end Vault coverage of their data.',
  },
  evaluate: ({ data }) => {
    const { users } = data['google.users'];
    const { assignments, products, productsNotListed = [] } = data['google.licenses'];
    // Products the collector lists today that this snapshot did not ask for (an older snapshot).
    const notAsked = GOOGLE_LICENSE_PRODUCTS.map(({ productId }) => productId).filter((product) => !products.includes(product) && !productsNotListed.some((p) => p.productId === product));

    // The Licensing API names users by primary email; match case-insensitively, and by id where given.
    const byUser = new Map<string, Assignment[]>();
    for (const a of assignments) {
      const key = a.userId.toLowerCase();
      byUser.set(key, [...(byUser.get(key) ?? []), a]);
    }
    const licencesOf = (email: string, id: string | undefined) => [
      ...(byUser.get(email.toLowerCase()) ?? []),
      ...(id && id.toLowerCase() !== email.toLowerCase() ? (byUser.get(id.toLowerCase()) ?? []) : []),
    ];

    // Archived users hold Archived User licences by design and cannot be suspended; they are not judged here.
    const suspended = users.filter((u) => u.suspended === true && u.archived !== true);
    const licencesBySku: Record<string, number> = {};
    const formerStaffLicences: string[] = [];
    const affected: AffectedItem[] = [];
    for (const u of suspended) {
      const held = licencesOf(u.primaryEmail, u.id);
      for (const a of held.filter(isFormerStaffLicence)) formerStaffLicences.push(`${u.primaryEmail}: ${licenceName(a)}`);
      const names = held.filter((a) => !isFormerStaffLicence(a)).map(licenceName);
      if (names.length === 0) continue;
      tallyLicences(licencesBySku, names);
      affected.push({ type: 'user', id: u.id ?? u.primaryEmail, name: u.primaryEmail, detail: `suspended but holds ${names.join(', ')}` });
    }

    const evidence = evidenceOf(affected, {
      total: suspended.length,
      licencesBySku,
      productsListed: products,
      ...(productsNotListed.length ? { productsNotListed, productsNotListedNote: 'Google refused to list these add-on products, as it does for a product the customer does not have.' } : {}),
      ...(notAsked.length ? { productsNotRead: notAsked } : {}),
      formerStaffLicencesNotCounted: formerStaffLicences,
      archivedUsersNotJudged: users.filter((u) => u.archived === true).length,
      note: 'Google bills suspended users at the same rate as active ones (support.google.com/a/answer/33312).',
    });
    if (affected.length === 0) {
      const clean = noneOf(suspended.length, 'suspended user', 'suspended users', 'holds a licence', 'holds no licence');
      if (notAsked.length) {
        return {
          status: 'warn',
          summary: `${clean} among the products read, but the licences of ${notAsked.map(licenseProductName).join(', ')} were not read, so add-on licences of suspended users are not known.`,
          evidence,
        };
      }
      return { status: 'pass', summary: `${clean}.`, evidence };
    }
    const held = describeLicenceTally(licencesBySku);
    return {
      status: 'warn',
      summary: `${affected.length} of ${count(suspended.length, 'suspended user')} still ${affected.length === 1 ? 'holds' : 'hold'} licences (${held}).`,
      evidence,
    };
  },
});

import { isActiveUser } from '../lib/accounts.js';
import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import { WORKSPACE_PRODUCT_ID } from '../../datasets/google-constants.js';
import { workspaceSku, type WorkspaceSku } from './lib/workspace-skus.js';
import { capitalize, count, everyOne } from '../lib/text.js';
import { attestationRef, attestedBy } from '../lib/attestations.js';

/** Where an administrator reviews and accepts Google's BAA; no API shows it. */
export const BAA_CONSOLE_PATH = 'Admin console > Account > Account settings > Legal and compliance';

interface Edition {
  skuId: string;
  name: string;
  users: number;
  baa: WorkspaceSku['baa'] | 'unknown';
  note?: string;
}

/**
 * Every user is on a Google Workspace edition that can take Google's HIPAA BAA: fails when anyone
 * is on the free legacy edition, warns for Business Starter (sources disagree) and editions the
 * table does not know or marks "check". BAA acceptance itself has no API: `manual` unless
 * `attestations.baaAccepted` gives the date.
 */
export const googleLicenseBaaEligible = defineControl({
  meta: {
    id: 'google.license.baa-eligible',
    provider: 'google-workspace',
    title: "Every user is on a Workspace edition covered by Google's BAA, and the BAA is accepted",
    severity: 'high',
    hipaa: ['164.308(b)(1)', '164.308(b)(3)', '164.314(a)'],
    references: [
      'https://support.google.com/a/answer/3407054',
      'https://developers.google.com/workspace/admin/licensing/v1/how-tos/products',
    ],
    datasets: ['google.licenses'],
    // Users add a check that nobody active works without a Workspace licence the Licensing API shows.
    optionalDatasets: ['google.users'],
    remediation: `Keep patient information only in a paid Google Workspace edition whose administrator has accepted Google's HIPAA Business Associate Agreement. A super administrator reviews and accepts the BAA in the Google Admin console under Account > Account settings > Legal and compliance (Google Workspace/Cloud Identity HIPAA Business Associate Amendment); take a screenshot of the accepted amendment for your HIPAA records and record the date with the baaAccepted attestation. Users on the free G Suite legacy edition must move to a paid edition (Billing > Subscriptions) before they handle patient data. For Business Starter, check that the same Legal and compliance page offers the BAA; if it does not, upgrade to Business Standard or higher.`,
  },
  evaluate: ({ data, options }) => {
    const { products, assignments } = data['google.licenses'];
    const baaAnswer = options.attestations.baaAccepted;
    const attested = baaAnswer?.date.slice(0, 10);

    if (!products.includes(WORKSPACE_PRODUCT_ID)) {
      return {
        status: 'not_assessed',
        summary: `Not assessed: the licence data does not include Google Workspace editions (product ${WORKSPACE_PRODUCT_ID}), so users' editions are unknown.`,
        evidence: evidenceOf([], { productsListed: products }),
        reason: {
          kind: 'unsupported',
          detail: `the Licensing API assignments of product ${WORKSPACE_PRODUCT_ID} were not collected`,
          needs: ['scope https://www.googleapis.com/auth/apps.licensing', 'Enterprise License Manager API enabled in the Cloud project'],
        },
      };
    }

    const editionsBySku = new Map<string, Edition>();
    const users = new Set<string>();
    const addOns: Record<string, number> = {};
    for (const a of assignments) {
      if (a.productId !== WORKSPACE_PRODUCT_ID) {
        const name = a.skuName ?? `${a.productId}/${a.skuId}`;
        addOns[name] = (addOns[name] ?? 0) + 1;
        continue;
      }
      users.add(a.userId.toLowerCase());
      const seen = editionsBySku.get(a.skuId);
      if (seen) {
        seen.users++;
        continue;
      }
      const known = workspaceSku(a.skuId);
      editionsBySku.set(a.skuId, {
        skuId: a.skuId,
        name: known?.name ?? a.skuName ?? a.skuId,
        users: 1,
        baa: known?.baa ?? 'unknown',
        ...(known?.note ? { note: known.note } : {}),
      });
    }
    const editions = [...editionsBySku.values()];
    const baaAcceptance = baaAnswer ? { ...baaAnswer } : `not shown by any API; not attested (check ${BAA_CONSOLE_PATH})`;

    if (editions.length === 0) {
      // The Licensing API lists no edition licence: the free legacy edition has limited API support, or nothing is assigned.
      return {
        status: 'not_assessed',
        summary: `Not assessed: the Licensing API listed no Google Workspace edition licence, so users' editions are unknown; check Billing > Subscriptions in the Admin console (the free G Suite legacy edition cannot take the BAA).`,
        evidence: evidenceOf([], { productsListed: products, addOnsNotJudged: addOns, baaAcceptance }),
        reason: {
          kind: 'unsupported',
          detail: `the Licensing API returned no assignments of product ${WORKSPACE_PRODUCT_ID}`,
          needs: ['a Google Workspace edition whose licences the Licensing API lists'],
        },
      };
    }

    const verdict = (e: Edition) =>
      e.baa === 'ineligible'
        ? `cannot take Google's BAA: ${e.note ?? 'not a covered edition'}`
        : e.baa === 'check'
          ? `check: ${e.note ?? 'confirm the BAA covers it'}`
          : e.baa === 'unknown'
            ? `unknown edition: check in ${BAA_CONSOLE_PATH} that the BAA is offered and accepted`
            : 'can take the BAA';
    const affected: AffectedItem[] = editions
      .filter((e) => e.baa !== 'eligible')
      .map((e) => ({ type: 'sku', id: e.skuId, name: e.name, detail: `${count(e.users, 'user')}; ${verdict(e)}` }));
    const ineligible = editions.filter((e) => e.baa === 'ineligible');
    const uncertain = editions.filter((e) => e.baa === 'check' || e.baa === 'unknown');
    const evidence = evidenceOf(affected, {
      total: editions.length,
      licensedUsers: users.size,
      editions: editions.map((e) => ({ skuId: e.skuId, name: e.name, users: e.users, baa: e.baa, verdict: verdict(e) })),
      addOnsNotJudged: addOns,
      baaAcceptance,
      whereToCheck: BAA_CONSOLE_PATH,
    });
    const baa = attested ? ` The BAA is recorded as accepted${attestedBy(baaAnswer)}.` : ` No API shows BAA acceptance: check ${BAA_CONSOLE_PATH}.`;
    const usersIn = (list: Edition[]) => list.reduce((sum, e) => sum + e.users, 0);

    if (ineligible.length) {
      const n = usersIn(ineligible);
      return {
        status: 'fail',
        summary: `${n} of ${users.size} licensed users ${n === 1 ? 'is' : 'are'} on an edition that cannot take Google's BAA (${ineligible.map((e) => e.name).join(', ')}); patient data must not be handled there.${baa}`,
        evidence,
      };
    }
    // Active users with no Workspace edition licence are on an edition nobody can see (e.g. the free
    // legacy edition, which the Licensing API does not list): never count them as covered.
    const unlicensed = (data['google.users']?.users ?? []).filter((u) => isActiveUser(u) && !users.has(u.primaryEmail.toLowerCase()));
    if (unlicensed.length) {
      return {
        status: 'warn',
        summary: `${unlicensed.length} active ${unlicensed.length === 1 ? 'user has' : 'users have'} no Google Workspace edition licence the Licensing API shows, so ${unlicensed.length === 1 ? 'its' : 'their'} edition and BAA cover are unknown: check Billing > Subscriptions and ${BAA_CONSOLE_PATH}.`,
        evidence: evidenceOf(
          [...affected, ...unlicensed.map((u) => ({ type: 'user', id: u.id ?? u.primaryEmail, name: u.primaryEmail, detail: 'active, no Workspace edition licence listed' }))],
          { ...evidence, unlicensedActiveUsers: unlicensed.length },
        ),
      };
    }
    if (uncertain.length) {
      const n = usersIn(uncertain);
      return {
        status: 'warn',
        summary: `${n} of ${users.size} licensed users ${n === 1 ? 'is' : 'are'} on an edition whose BAA cover is uncertain (${uncertain.map((e) => e.name).join(', ')}): check ${BAA_CONSOLE_PATH}.${attested ? ` The BAA is recorded as accepted${attestedBy(baaAnswer)}.` : ''}`,
        evidence,
      };
    }
    const names = editions.map((e) => e.name).join(', ');
    if (attested) {
      return {
        status: 'pass',
        summary: `${capitalize(everyOne(users.size, 'licensed user'))} ${users.size === 1 ? 'is' : 'are'} on editions that can take Google's BAA (${names}), and the BAA is recorded as accepted${attestedBy(baaAnswer)}.`,
        evidence,
        attestation: attestationRef('baaAccepted', baaAnswer!),
      };
    }
    return {
      status: 'manual',
      summary: `${capitalize(everyOne(users.size, 'licensed user'))} ${users.size === 1 ? 'is' : 'are'} on editions that can take Google's BAA (${names}), but no API shows that it was accepted: check ${BAA_CONSOLE_PATH} and record the date with the baaAccepted attestation.`,
      evidence,
    };
  },
});

import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import { BAA_SKUS, classifyUnlistedSku, type BaaSku } from './lib/baa-skus.js';
import { capitalize, everyOne, noneOf } from '../lib/text.js';
import { attestedBy } from '../lib/attestations.js';

/** capabilityStatus values of a subscription that still works (Warning = expired, in its grace period). */
const ACTIVE_STATUSES = new Set(['enabled', 'warning']);

const byPartNumber = new Map(Object.entries(BAA_SKUS).map(([part, sku]) => [part.toLowerCase(), sku]));
const lookup = (part: string): BaaSku | undefined => byPartNumber.get(part.toLowerCase());

const BAA_NOTE =
  "Microsoft's BAA is part of its Data Protection Addendum for in-scope services; no API shows that it applies to this tenant, so keep a record that it was reviewed.";

/**
 * The tenant's subscriptions are commercial services covered by Microsoft's BAA: fails when no
 * in-scope commercial plan is active at all, warns for each active trial, free self-service,
 * out-of-scope or unknown subscription (patient data must stay out of those) and for an in-scope
 * plan past its expiry. BAA acceptance itself cannot be read from any API; the finding says so.
 */
export const licenseBaaEligible = defineControl({
  meta: {
    id: 'm365.license.baa-eligible',
    provider: 'm365',
    title: "Every subscription is a commercial plan covered by Microsoft's BAA",
    severity: 'high',
    hipaa: ['164.308(b)(1)', '164.308(b)(3)', '164.314(a)'],
    references: [
      'https://learn.microsoft.com/compliance/regulatory/offering-hipaa-hitech',
      'https://learn.microsoft.com/entra/identity/users/licensing-service-plan-reference',
      'https://www.microsoft.com/licensing/docs/view/Microsoft-Products-and-Services-Data-Protection-Addendum-DPA',
      'https://learn.microsoft.com/graph/api/resources/subscribedsku',
    ],
    datasets: ['m365.subscribedSkus'],
    remediation:
      "Keep patient information only in services bought under a commercial plan that Microsoft's HIPAA Business Associate Agreement covers (for example Microsoft 365 Business Premium or Business Standard). In the Microsoft 365 admin center, Billing > Your products lists each subscription: buy an in-scope plan if there is none; for trials and free sign-ups (Power Automate Free, Power BI free, Teams Exploratory) either buy the paid plan or make sure no patient data goes there, and turn off self-service sign-ups if staff should not start them (Settings > Org settings > Services > Self-service trials and purchases). Renew expiring plans. Keep a copy of Microsoft's Data Protection Addendum, which contains the BAA, with your HIPAA records.",
  },
  evaluate: ({ data, options }) => {
    const { skus } = data['m365.subscribedSkus'];
    const baaAnswer = options.attestations.baaAccepted;
    const attested = baaAnswer?.date.slice(0, 10);

    const inScopeActive: string[] = [];
    const affected: AffectedItem[] = [];
    const listed = skus.map((s) => {
      const known = lookup(s.skuPartNumber);
      const name = known?.name ?? s.skuPartNumber;
      const units = { enabled: s.prepaidUnits?.enabled ?? null, consumed: s.consumedUnits ?? null };
      const active = ACTIVE_STATUSES.has(s.capabilityStatus.toLowerCase());
      let verdict: string;
      let attention = false;
      if (!active) {
        // Suspended, Deleted and LockedOut subscriptions no longer serve data.
        verdict = `inactive (${s.capabilityStatus}): not counted`;
      } else if (known?.inScope) {
        inScopeActive.push(name);
        const expired = s.capabilityStatus.toLowerCase() === 'warning';
        verdict = expired ? 'in scope, but expired and in its grace period: renew it' : 'in scope';
        attention = expired;
      } else if (known) {
        verdict = `not in scope: ${known.note ?? 'not a covered service'}`;
        attention = true;
      } else {
        const kind = classifyUnlistedSku(s.skuPartNumber);
        verdict =
          kind === 'trial'
            ? 'not in scope: trial'
            : kind === 'self-service'
              ? 'not in scope: free self-service sign-up'
              : "unknown: check it against Microsoft's in-scope services";
        attention = true;
      }
      if (attention) {
        affected.push({
          type: 'sku',
          id: s.skuId,
          name: `${name} (${s.skuPartNumber})`,
          detail: `${verdict}; ${units.consumed ?? '?'} of ${units.enabled ?? '?'} licences used`,
        });
      }
      return { skuPartNumber: s.skuPartNumber, skuId: s.skuId, name, capabilityStatus: s.capabilityStatus, units, verdict };
    });

    const evidence = evidenceOf(affected, {
      total: skus.length,
      inScopeActive: inScopeActive.length,
      skus: listed,
      baaAcceptance: baaAnswer ? { ...baaAnswer } : 'not shown by any API; not attested',
      note: BAA_NOTE,
    });
    const baa = attested ? ` The BAA is recorded as accepted${attestedBy(baaAnswer)}.` : ` ${BAA_NOTE}`;

    if (inScopeActive.length === 0) {
      return {
        status: 'fail',
        summary: `${noneOf(skus.length, 'subscription', 'subscriptions', "is an active commercial plan covered by Microsoft's HIPAA BAA", "is not an active commercial plan covered by Microsoft's HIPAA BAA")}.${baa}`,
        evidence,
      };
    }
    if (affected.length > 0) {
      const names = affected.slice(0, 5).map((a) => a.name);
      const more = affected.length > names.length ? ` and ${affected.length - names.length} more` : '';
      return {
        status: 'warn',
        summary: `${affected.length} of ${skus.length} subscriptions need attention: keep patient data out of them or fix them (${names.join(', ')}${more}).${baa}`,
        evidence,
      };
    }
    return {
      status: 'pass',
      summary:
        (inScopeActive.length === 1
          ? `The one active subscription (${inScopeActive[0]}) is a commercial plan covered by Microsoft's HIPAA BAA.`
          : `${capitalize(everyOne(inScopeActive.length, 'active subscription'))} ${inScopeActive.length === 1 ? 'is a commercial plan' : 'are commercial plans'} covered by Microsoft's HIPAA BAA.`) + baa,
      evidence,
    };
  },
});

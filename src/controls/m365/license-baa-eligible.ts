import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { CompanySubscriptionsDataset } from '../../datasets/m365.js';
import { BAA_SKUS, classifyUnlistedSku, type BaaSku } from './lib/baa-skus.js';
import { capitalize, count, everyOne, noneOf } from '../lib/text.js';
import { attestationRef, attestedBy } from '../lib/attestations.js';

/** capabilityStatus / status values of a subscription that still works (Warning = expired, in its grace period). */
const ACTIVE_STATUSES = new Set(['enabled', 'warning']);

const byPartNumber = new Map(Object.entries(BAA_SKUS).map(([part, sku]) => [part.toLowerCase(), sku]));
const lookup = (part: string): BaaSku | undefined => byPartNumber.get(part.toLowerCase());

const BAA_NOTE =
  "Microsoft's BAA is part of its Data Protection Addendum for in-scope services; no API shows that it applies to this tenant, so keep a record that it was reviewed.";

type CompanySubscription = CompanySubscriptionsDataset['subscriptions'][number];

/** What /directory/subscriptions says about one SKU: how many licences are paid, how many a trial, and when the trials end. */
interface Commerce {
  listed: boolean;
  paidLicences: number;
  trialLicences: number;
  trialOnly: boolean;
  /** The earliest nextLifecycleDateTime of its active trials (YYYY-MM-DD), when given. */
  trialEnds?: string;
}

function commerceOf(skuId: string, subscriptions: readonly CompanySubscription[]): Commerce {
  const active = subscriptions.filter((s) => (s.skuId ?? '').toLowerCase() === skuId.toLowerCase() && ACTIVE_STATUSES.has((s.status ?? '').toLowerCase()));
  const trials = active.filter((s) => s.isTrial === true);
  const paid = active.filter((s) => s.isTrial !== true);
  const ends = trials.map((s) => s.nextLifecycleDateTime).filter((d): d is string => Boolean(d)).sort()[0];
  return {
    listed: active.length > 0,
    paidLicences: paid.reduce((sum, s) => sum + (s.totalLicenses ?? 0), 0),
    trialLicences: trials.reduce((sum, s) => sum + (s.totalLicenses ?? 0), 0),
    trialOnly: active.length > 0 && paid.length === 0,
    ...(ends ? { trialEnds: ends.slice(0, 10) } : {}),
  };
}

const trialText = (c: Commerce) => `a trial${c.trialEnds ? ` that ends or changes state on ${c.trialEnds}` : ''}`;

/**
 * The tenant's subscriptions are commercial services covered by Microsoft's BAA. Subscriptions
 * come from subscribedSkus; whether each is a free trial comes from /directory/subscriptions
 * (`isTrial`), because a trial carries the paid product's part number. Fails when no in-scope
 * plan is active at all; warns when the in-scope plans are trials only, and for each active
 * trial, free self-service, out-of-scope or unknown subscription, and an in-scope plan past its
 * expiry. Paid add-ons (Visio, Project, Copilot...) and unlisted paid subscriptions next to a paid
 * in-scope suite are information in the evidence. BAA acceptance itself cannot be read from any
 * API; the finding says so.
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
      'https://learn.microsoft.com/graph/api/directory-list-subscriptions',
    ],
    datasets: ['m365.subscribedSkus', 'm365.subscriptions'],
    remediation:
      "Keep patient information only in services bought under a commercial plan that Microsoft's HIPAA Business Associate Agreement covers (for example Microsoft 365 Business Premium or Business Standard). In the Microsoft 365 admin center, Billing > Your products lists each subscription and shows trials: buy an in-scope plan if there is none, and buy the paid plan before a trial ends or before patient data goes into it; for free sign-ups (Power Automate Free, Power BI free, Teams Exploratory) either buy the paid plan or make sure no patient data goes there, and turn off self-service sign-ups if staff should not start them (Settings > Org settings > Services > Self-service trials and purchases). Renew expiring plans. Keep a copy of Microsoft's Data Protection Addendum, which contains the BAA, with your HIPAA records.",
  },
  evaluate: ({ data, options }) => {
    const { skus } = data['m365.subscribedSkus'];
    const { subscriptions } = data['m365.subscriptions'];
    const baaAnswer = options.attestations.baaAccepted;
    const attested = baaAnswer?.date.slice(0, 10);

    const facts = skus.map((s) => ({
      sku: s,
      known: lookup(s.skuPartNumber),
      active: ACTIVE_STATUSES.has(s.capabilityStatus.toLowerCase()),
      commerce: commerceOf(s.skuId, subscriptions),
    }));
    // An in-scope suite counts when it is active and at least part of it is paid (not only a trial).
    const paidInScope = facts.filter((f) => f.active && f.known?.inScope && !f.commerce.trialOnly);
    const suite = paidInScope.length > 0;

    const inScopeActive: string[] = [];
    const trialInScope: string[] = [];
    const affected: AffectedItem[] = [];
    const information: { name: string; why: string }[] = [];
    const listed = facts.map(({ sku: s, known, active, commerce }) => {
      const name = known?.name ?? s.skuPartNumber;
      const units = { enabled: s.prepaidUnits?.enabled ?? null, consumed: s.consumedUnits ?? null };
      let verdict: string;
      let attention = false;
      if (!active) {
        // Suspended, Deleted and LockedOut subscriptions no longer serve data.
        verdict = `inactive (${s.capabilityStatus}): not counted`;
      } else if (known?.inScope) {
        const expired = s.capabilityStatus.toLowerCase() === 'warning';
        if (commerce.trialOnly) {
          trialInScope.push(`${name}, ${trialText(commerce)}`);
          verdict = `in scope, but ${trialText(commerce)}, not a paid plan: buy it before patient data goes in`;
          attention = true;
        } else {
          inScopeActive.push(name);
          verdict = expired
            ? 'in scope, but expired and in its grace period: renew it'
            : commerce.trialLicences > 0
              ? `in scope; ${commerce.trialLicences} of ${commerce.trialLicences + commerce.paidLicences} licences are ${trialText(commerce)}`
              : commerce.listed
                ? 'in scope'
                : 'in scope, but not listed among the commercial subscriptions, so whether it is a trial cannot be seen';
          attention = expired || commerce.trialLicences > 0 || !commerce.listed;
        }
      } else if (known?.addOn && !commerce.trialOnly && commerce.listed && suite) {
        verdict = `add-on: information (${known.note})`;
        information.push({ name: `${name} (${s.skuPartNumber})`, why: known.note ?? 'paid add-on' });
      } else if (known && !known.addOn) {
        verdict = `not in scope: ${known.note ?? 'not a covered service'}`;
        attention = true;
      } else {
        const kind = commerce.trialOnly ? 'trial' : known?.addOn ? 'add-on' : classifyUnlistedSku(s.skuPartNumber);
        if (kind === 'unknown' && commerce.listed && suite) {
          verdict = "paid subscription not in the table: information (check it against Microsoft's in-scope services before patient data goes into it)";
          information.push({ name: `${name} (${s.skuPartNumber})`, why: 'paid subscription not in the table' });
        } else {
          const unlisted = 'not listed among the commercial subscriptions, so whether it is paid cannot be seen';
          verdict =
            kind === 'trial'
              ? `not in scope: ${trialText(commerce)}`
              : kind === 'self-service'
                ? 'not in scope: free self-service sign-up'
                : kind === 'add-on'
                  ? commerce.listed
                    ? `add-on (${known!.note}), without a paid in-scope suite`
                    : `add-on, ${unlisted}`
                  : commerce.listed
                    ? "unknown: check it against Microsoft's in-scope services"
                    : `unknown, ${unlisted}: check it against Microsoft's in-scope services`;
          attention = true;
        }
      }
      if (attention) {
        affected.push({
          type: 'sku',
          id: s.skuId,
          name: `${name} (${s.skuPartNumber})`,
          detail: `${verdict}; ${units.consumed ?? '?'} of ${units.enabled ?? '?'} licences used`,
        });
      }
      return {
        skuPartNumber: s.skuPartNumber,
        skuId: s.skuId,
        name,
        capabilityStatus: s.capabilityStatus,
        units,
        trial: commerce.trialOnly ? 'yes' : commerce.trialLicences > 0 ? `${commerce.trialLicences} trial licences` : commerce.listed ? 'no' : 'not listed',
        verdict,
      };
    });

    const evidence = evidenceOf(affected, {
      total: skus.length,
      inScopeActive: inScopeActive.length,
      skus: listed,
      ...(information.length ? { information } : {}),
      baaAcceptance: baaAnswer ? { ...baaAnswer } : 'not shown by any API; not attested',
      note: BAA_NOTE,
    });
    const baa = attested ? ` The BAA is recorded as accepted${attestedBy(baaAnswer)}.` : ` ${BAA_NOTE}`;

    if (inScopeActive.length === 0 && trialInScope.length > 0) {
      // A trial runs under Microsoft's trial terms and stops when it ends unless bought: not the purchased plan a practice's BAA rests on.
      return {
        status: 'warn',
        summary: `The only in-scope ${trialInScope.length === 1 ? 'plan is' : 'plans are'} ${trialInScope.join('; ')}, not a paid subscription: buy the paid plan before patient data goes in, or it stops when the trial ends.${baa}`,
        evidence,
      };
    }
    if (inScopeActive.length === 0) {
      return {
        status: 'fail',
        summary: `${noneOf(skus.length, 'subscription', 'subscriptions', "is an active commercial plan covered by Microsoft's HIPAA BAA", "is not an active commercial plan covered by Microsoft's HIPAA BAA")}.${baa}`,
        evidence,
      };
    }
    const infoNote = information.length ? ` ${information.length === 1 ? 'One paid add-on is' : `${information.length} paid add-ons are`} listed for information (${information.map((i) => i.name).join(', ')}).` : '';
    if (affected.length > 0) {
      const names = affected.slice(0, 5).map((a) => a.name);
      const more = affected.length > names.length ? ` and ${affected.length - names.length} more` : '';
      return {
        status: 'warn',
        summary: `${affected.length} of ${count(skus.length, 'subscription')} ${affected.length === 1 ? 'needs' : 'need'} attention: keep patient data out of them or fix them (${names.join(', ')}${more}).${infoNote}${baa}`,
        evidence,
      };
    }
    const counted = inScopeActive.length;
    return {
      status: 'pass',
      summary:
        (counted === 1
          ? `The one active in-scope subscription (${inScopeActive[0]}) is a paid commercial plan covered by Microsoft's HIPAA BAA.`
          : `${capitalize(everyOne(counted, 'active in-scope subscription'))} ${counted === 1 ? 'is a paid commercial plan' : 'are paid commercial plans'} covered by Microsoft's HIPAA BAA.`) +
        infoNote +
        baa,
      evidence,
      // The BAA's acceptance is an answer, not data: no Graph API shows it.
      ...(baaAnswer ? { attestation: attestationRef('baaAccepted', baaAnswer) } : {}),
    };
  },
});

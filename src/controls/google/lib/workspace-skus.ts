import { WORKSPACE_PRODUCT_ID } from '../../../datasets/google-constants.js';

/**
 * Google Workspace editions (Licensing API product `Google-Apps`) and whether Google's HIPAA
 * Business Associate Agreement can cover a customer on them.
 *
 * Sources:
 * - SKU ids and names: "Google Product and SKU IDs", Licensing API,
 *   https://developers.google.com/workspace/admin/licensing/v1/how-tos/products
 *   (Workspace SKUs, "G Suite & Legacy SKUs", Education SKUs).
 * - The free legacy edition's SKU id `Google-Apps` ("G Suite Legacy"; not on Google's page): GAM's
 *   SKU table, GAMADV-XTD3 changelog 6.08.09 ("Changed license SKU Google-Apps name ... to G Suite Legacy").
 * - BAA scope: "HIPAA Compliance with Google Workspace and Cloud Identity",
 *   https://support.google.com/a/answer/3407054 (customers must review and accept the BAA in the
 *   Admin console before using Google services with PHI). The BAA amends a paid Google Workspace
 *   agreement; the free legacy edition has no such agreement to amend. The BAA's own text names the
 *   agreements it amends: "the G Suite, G Suite for Education, or G Suite for Government Agreement";
 *   Google's earlier wording of the same help page named the editions whose administrators accept it
 *   ("Google Apps for Work, Education, Government, and Google Apps Unlimited"), not the free edition.
 * - Business Starter: Google's pages do not exclude it, while several HIPAA guides say its Admin
 *   console offers no BAA. Sources disagree, so it is `check`: look at Account > Account settings >
 *   Legal and compliance.
 *
 * This is data, not law: review it when Google renames editions; an unknown SKU means "check it".
 */
export interface WorkspaceSku {
  /** The edition name Google shows. */
  name: string;
  /**
   * `eligible`: a paid edition under a Google Workspace agreement that the BAA can amend;
   * `check`: sources disagree or the SKU is unusual, confirm in the Admin console;
   * `ineligible`: cannot take Google's BAA.
   */
  baa: 'eligible' | 'check' | 'ineligible';
  note?: string;
}

/** Licensing API product id of Archived User licences (kept by archived former staff by design). */
export const ARCHIVED_USER_PRODUCT_ID = '101034';

/** Licence SKUs meant for accounts of people who left (their data kept for retention or eDiscovery). */
export const FORMER_STAFF_SKU_IDS: ReadonlySet<string> = new Set(['Google-Vault-Former-Employee']);

const eligible = (name: string, note?: string): WorkspaceSku => ({ name, baa: 'eligible', ...(note ? { note } : {}) });
const check = (name: string, note: string): WorkspaceSku => ({ name, baa: 'check', note });

/** Edition SKUs of product `Google-Apps`, by SKU id. */
export const WORKSPACE_SKUS: Readonly<Record<string, WorkspaceSku>> = {
  '1010020027': check(
    'Google Workspace Business Starter',
    'sources disagree on whether Business Starter can take the BAA: check Account > Account settings > Legal and compliance in the Admin console',
  ),
  '1010020028': eligible('Google Workspace Business Standard'),
  '1010020025': eligible('Google Workspace Business Plus'),
  '1010060003': eligible('Google Workspace Enterprise Essentials'),
  '1010020029': eligible('Google Workspace Enterprise Starter'),
  '1010020026': eligible('Google Workspace Enterprise Standard'),
  '1010020020': eligible('Google Workspace Enterprise Plus'),
  '1010060001': check('Google Workspace Essentials', 'Essentials has no Gmail and includes a free "Essentials Starter" offer; confirm the BAA is accepted for this account'),
  '1010060005': eligible('Google Workspace Enterprise Essentials Plus'),
  '1010020030': eligible('Google Workspace Frontline Starter'),
  '1010020031': eligible('Google Workspace Frontline Standard'),
  '1010020034': eligible('Google Workspace Frontline Plus'),
  '1010020035': check('Google Workspace Business Continuity', 'a continuity add-on edition for customers of another mail system; confirm it is covered by the accepted BAA'),
  '1010020036': check('Google Workspace Business Continuity Plus', 'a continuity add-on edition for customers of another mail system; confirm it is covered by the accepted BAA'),
  // G Suite and legacy editions.
  'Google-Apps-Unlimited': eligible('G Suite Business', 'legacy paid edition'),
  'Google-Apps-For-Business': eligible('G Suite Basic', 'legacy paid edition'),
  'Google-Apps-Lite': eligible('G Suite Lite', 'legacy paid edition'),
  'Google-Apps-For-Postini': check('Google Apps Message Security', 'a legacy mail-filtering service, not a Workspace edition'),
  'Google-Apps': {
    name: 'G Suite legacy free edition',
    baa: 'ineligible',
    note: 'the free legacy edition has no paid Google Workspace agreement for the BAA to amend',
  },
  // Education.
  'Google-Apps-For-Education': eligible('Google Workspace for Education Fundamentals', 'covered under a Google Workspace for Education agreement'),
};

/** The edition of a `Google-Apps` SKU, if the table knows it. */
export function workspaceSku(skuId: string): WorkspaceSku | undefined {
  return Object.hasOwn(WORKSPACE_SKUS, skuId) ? WORKSPACE_SKUS[skuId] : undefined;
}

/** A readable name of a licence: the table's edition name, else the name the Licensing API gave, else the ids. */
export function licenceName(assignment: { productId: string; skuId: string; skuName?: string | undefined }): string {
  const known = assignment.productId === WORKSPACE_PRODUCT_ID ? workspaceSku(assignment.skuId) : undefined;
  return known?.name ?? assignment.skuName ?? `${assignment.productId}/${assignment.skuId}`;
}

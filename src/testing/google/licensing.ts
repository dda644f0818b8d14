import { integerParam, isResponse, type ApiContext, type ApiRoute } from './api.js';
import { badRequest, notAuthorized, type GoogleResponse, type JsonObject } from './http.js';
import { googleEtag } from './ids.js';
import type { LicenseAssignmentModel, GoogleWorkspaceModel } from './model.js';
import { servePage } from './paging.js';

/**
 * Enterprise License Manager (Licensing) API v1 licenseAssignments.listForProduct
 * (`licensing.googleapis.com/apps/licensing/v1/product/{productId}/users?customerId=...`).
 *
 * `customerId` is required and is the customer's id (`C0...`, per the reference page) or, as
 * older versions and Google's own quickstart used, a domain of the customer. The `my_customer`
 * alias of the Directory API is not documented here, so the simulator refuses it: a collector should
 * pass the id from customers.get.
 */

function serveAssignment(model: GoogleWorkspaceModel, assignment: LicenseAssignmentModel): JsonObject {
  const { productId, skuId, userId } = assignment;
  const served: JsonObject = {
    kind: 'licensing#licenseAssignment',
    etags: googleEtag('license', model.customer.id, productId, skuId, userId),
    selfLink: `https://licensing.googleapis.com/apps/licensing/v1/product/${encodeURIComponent(productId)}/sku/${encodeURIComponent(skuId)}/user/${encodeURIComponent(userId)}`,
    userId,
    productId,
    skuId,
  };
  if (assignment.productName !== undefined) served['productName'] = assignment.productName;
  if (assignment.skuName !== undefined) served['skuName'] = assignment.skuName;
  return served;
}

function listForProduct(ctx: ApiContext, [productId = '']: readonly string[]): GoogleResponse {
  const { model, query } = ctx;
  const customerId = query.get('customerId');
  if (customerId === null || customerId === '') return badRequest(ctx.dialect, 'Required parameter: customerId', 'required', 'customerId');
  const domains = [model.customer.customerDomain, ...(model.customer.secondaryDomains ?? [])].map((domain) => domain.toLowerCase());
  const own = customerId.toLowerCase() === model.customer.id.toLowerCase() || domains.includes(customerId.toLowerCase());
  if (!own) {
    if (/^C[0-9a-z]+$/i.test(customerId)) return notAuthorized();
    return badRequest(ctx.dialect, 'Invalid customerId', 'invalid', 'customerId');
  }
  if (!/^[A-Za-z0-9-]+$/.test(productId)) return badRequest(ctx.dialect, 'Invalid productId', 'invalid', 'productId');
  const maxResults = integerParam(ctx, 'maxResults', 1, 1000, 100);
  if (isResponse(maxResults)) return maxResults;

  const assignments = model.licenseAssignments.filter((assignment) => assignment.productId === productId);
  const binding = { productId, customerId: model.customer.id };
  return servePage(assignments, {
    method: 'licensing.licenseAssignments.listForProduct',
    binding,
    pageToken: query.get('pageToken'),
    size: maxResults,
    invalidToken: () => badRequest(ctx.dialect, 'Invalid page token', 'invalid', 'pageToken'),
    head: (offset) => ({ kind: 'licensing#licenseAssignmentList', etag: googleEtag('licenses', model.customer.id, productId, offset) }),
    itemsKey: 'items',
    render: (assignment) => serveAssignment(model, assignment),
  });
}

/** The Licensing API route. */
export const licensingRoutes: readonly ApiRoute[] = [
  {
    methodId: 'licensing.licenseAssignments.listForProduct',
    service: 'licensing.googleapis.com',
    host: 'licensing.googleapis.com',
    dialect: 'apiary',
    pattern: /^\/apps\/licensing\/v1\/product\/([^/]+)\/users$/,
    scopes: ['https://www.googleapis.com/auth/apps.licensing'],
    // Enterprise License Manager developer guide: super admins, or admins with License Management.
    privilege: 'LICENSE_MANAGEMENT',
    denied: notAuthorized,
    schema: 'LicenseAssignmentList',
    params: ['customerId', 'maxResults', 'pageToken'],
    handle: listForProduct,
  },
];

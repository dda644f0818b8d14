import { conditionalAccessPoliciesRoute, activityBasedTimeoutPoliciesRoute, securityDefaultsRoute } from './policies.js';
import { managedDevicesRoute } from './devices.js';
import { organizationRoute, roleAssignmentsRoute, subscribedSkusRoute } from './directory.js';
import { signInsRoute, userRegistrationDetailsRoute } from './reports.js';
import type { Route } from './route.js';
import { groupTransitiveUsersRoute, listUsersRoute } from './users.js';

/** Every Graph v1.0 GET the simulator serves. */
export const graphRoutes: readonly Route[] = [
  listUsersRoute,
  groupTransitiveUsersRoute,
  subscribedSkusRoute,
  organizationRoute,
  roleAssignmentsRoute,
  securityDefaultsRoute,
  conditionalAccessPoliciesRoute,
  activityBasedTimeoutPoliciesRoute,
  userRegistrationDetailsRoute,
  signInsRoute,
  managedDevicesRoute,
];

import { conditionalAccessPoliciesRoute, activityBasedTimeoutPoliciesRoute, securityDefaultsRoute } from './policies.js';
import { bitlockerRecoveryKeysRoute, entraDevicesRoute, managedDevicesRoute } from './devices.js';
import { directorySubscriptionsRoute, organizationRoute, roleAssignmentsRoute, subscribedSkusRoute } from './directory.js';
import { signInsRoute, userRegistrationDetailsRoute } from './reports.js';
import type { Route } from './route.js';
import { betaRoutes, safeguardRoutes } from './safeguards.js';
import { groupTransitiveUsersRoute, listUsersRoute } from './users.js';

/** Every Graph v1.0 GET the simulator serves. */
export const graphRoutes: readonly Route[] = [
  listUsersRoute,
  groupTransitiveUsersRoute,
  subscribedSkusRoute,
  directorySubscriptionsRoute,
  organizationRoute,
  roleAssignmentsRoute,
  securityDefaultsRoute,
  conditionalAccessPoliciesRoute,
  activityBasedTimeoutPoliciesRoute,
  userRegistrationDetailsRoute,
  signInsRoute,
  managedDevicesRoute,
  entraDevicesRoute,
  bitlockerRecoveryKeysRoute,
  ...safeguardRoutes,
];

/** Every Graph beta GET the simulator serves: only what v1.0 lacks (the Intune settings catalog). */
export const graphBetaRoutes: readonly Route[] = betaRoutes;

import type { FieldSchema } from './fields.js';

/**
 * The property trees of the responses the simulator serves, for validating `fields` masks.
 * Generated from Google's discovery documents (shared reference google/*.json: admin directory_v1,
 * reports_v1, cloudidentity v1 (rev. 20260113 for the devices and inbound SSO lists), licensing v1;
 * googleapis.dart discovery/ @ 444fd6c8, rev. 2026-04):
 * each property maps to its nested properties, or `null` for a leaf or free-form value.
 * Recursive references stop after a few levels (below that any selection is accepted).
 */
export const GOOGLE_RESPONSE_SCHEMAS = {
  "Activities": {
    "etag": null,
    "items": {
      "actor": {
        "applicationInfo": {
          "applicationName": null,
          "impersonation": null,
          "oauthClientId": null
        },
        "callerType": null,
        "email": null,
        "key": null,
        "profileId": null
      },
      "etag": null,
      "events": {
        "name": null,
        "parameters": {
          "boolValue": null,
          "intValue": null,
          "messageValue": {
            "parameter": null
          },
          "multiIntValue": null,
          "multiMessageValue": {
            "parameter": null
          },
          "multiValue": null,
          "name": null,
          "value": null
        },
        "resourceIds": null,
        "sensitiveParameters": {
          "boolValue": null,
          "intValue": null,
          "messageValue": {
            "parameter": null
          },
          "multiIntValue": null,
          "multiMessageValue": {
            "parameter": null
          },
          "multiValue": null,
          "name": null,
          "value": null
        },
        "status": {
          "errorCode": null,
          "errorMessage": null,
          "eventStatus": null,
          "httpStatusCode": null
        },
        "type": null
      },
      "id": {
        "applicationName": null,
        "customerId": null,
        "time": null,
        "uniqueQualifier": null
      },
      "ipAddress": null,
      "kind": null,
      "networkInfo": {
        "ipAsn": null,
        "regionCode": null,
        "subdivisionCode": null
      },
      "ownerDomain": null,
      "resourceDetails": {
        "appliedLabels": {
          "fieldValues": {
            "dateValue": null,
            "displayName": null,
            "id": null,
            "integerValue": null,
            "longTextValue": null,
            "reason": null,
            "selectionListValue": null,
            "selectionValue": null,
            "textListValue": null,
            "textValue": null,
            "type": null,
            "unsetValue": null,
            "userListValue": null,
            "userValue": null
          },
          "id": null,
          "reason": {
            "reasonType": null
          },
          "title": null
        },
        "id": null,
        "ownerDetails": {
          "ownerIdentity": {
            "customerIdentity": null,
            "groupIdentity": null,
            "userIdentity": null
          },
          "ownerType": null
        },
        "relation": null,
        "title": null,
        "type": null
      }
    },
    "kind": null,
    "nextPageToken": null
  },
  "Customer": {
    "alternateEmail": null,
    "customerCreationTime": null,
    "customerDomain": null,
    "etag": null,
    "id": null,
    "kind": null,
    "language": null,
    "phoneNumber": null,
    "postalAddress": {
      "addressLine1": null,
      "addressLine2": null,
      "addressLine3": null,
      "contactName": null,
      "countryCode": null,
      "locality": null,
      "organizationName": null,
      "postalCode": null,
      "region": null
    }
  },
  "GoogleAppsCloudidentityDevicesV1ListDevicesResponse": {
    "devices": {
      "androidSpecificAttributes": {
        "ctsProfileMatch": null,
        "enabledUnknownSources": null,
        "hasPotentiallyHarmfulApps": null,
        "ownerProfileAccount": null,
        "ownershipPrivilege": null,
        "supportsWorkProfile": null,
        "verifiedBoot": null,
        "verifyAppsEnabled": null
      },
      "assetTag": null,
      "basebandVersion": null,
      "bootloaderVersion": null,
      "brand": null,
      "buildNumber": null,
      "compromisedState": null,
      "createTime": null,
      "deviceId": null,
      "deviceType": null,
      "enabledDeveloperOptions": null,
      "enabledUsbDebugging": null,
      "encryptionState": null,
      "endpointVerificationSpecificAttributes": {
        "additionalSignals": null,
        "browserAttributes": {
          "chromeBrowserInfo": {
            "browserManagementState": null,
            "browserVersion": null,
            "isBuiltInDnsClientEnabled": null,
            "isBulkDataEntryAnalysisEnabled": null,
            "isChromeCleanupEnabled": null,
            "isChromeRemoteDesktopAppBlocked": null,
            "isFileDownloadAnalysisEnabled": null,
            "isFileUploadAnalysisEnabled": null,
            "isRealtimeUrlCheckEnabled": null,
            "isSecurityEventAnalysisEnabled": null,
            "isSiteIsolationEnabled": null,
            "isThirdPartyBlockingEnabled": null,
            "passwordProtectionWarningTrigger": null,
            "safeBrowsingProtectionLevel": null
          },
          "chromeProfileId": null,
          "lastProfileSyncTime": null
        },
        "certificateAttributes": {
          "certificateTemplate": {
            "id": null,
            "majorVersion": null,
            "minorVersion": null
          },
          "fingerprint": null,
          "issuer": null,
          "serialNumber": null,
          "subject": null,
          "thumbprint": null,
          "validationState": null,
          "validityExpirationTime": null,
          "validityStartTime": null
        }
      },
      "hostname": null,
      "imei": null,
      "kernelVersion": null,
      "lastSyncTime": null,
      "managementState": null,
      "manufacturer": null,
      "meid": null,
      "model": null,
      "name": null,
      "networkOperator": null,
      "osVersion": null,
      "otherAccounts": null,
      "ownerType": null,
      "releaseVersion": null,
      "securityPatchTime": null,
      "serialNumber": null,
      "unifiedDeviceId": null,
      "wifiMacAddresses": null
    },
    "nextPageToken": null
  },
  "LicenseAssignmentList": {
    "etag": null,
    "items": {
      "etags": null,
      "kind": null,
      "productId": null,
      "productName": null,
      "selfLink": null,
      "skuId": null,
      "skuName": null,
      "userId": null
    },
    "kind": null,
    "nextPageToken": null
  },
  "ListInboundOidcSsoProfilesResponse": {
    "inboundOidcSsoProfiles": {
      "customer": null,
      "displayName": null,
      "idpConfig": {
        "changePasswordUri": null,
        "issuerUri": null
      },
      "name": null,
      "rpConfig": {
        "clientId": null,
        "clientSecret": null,
        "redirectUris": null
      }
    },
    "nextPageToken": null
  },
  "ListInboundSamlSsoProfilesResponse": {
    "inboundSamlSsoProfiles": {
      "customer": null,
      "displayName": null,
      "idpConfig": {
        "changePasswordUri": null,
        "entityId": null,
        "logoutRedirectUri": null,
        "singleSignOnServiceUri": null
      },
      "name": null,
      "spConfig": {
        "assertionConsumerServiceUri": null,
        "entityId": null
      }
    },
    "nextPageToken": null
  },
  "ListInboundSsoAssignmentsResponse": {
    "inboundSsoAssignments": {
      "customer": null,
      "name": null,
      "oidcSsoInfo": {
        "inboundOidcSsoProfile": null
      },
      "rank": null,
      "samlSsoInfo": {
        "inboundSamlSsoProfile": null
      },
      "signInBehavior": {
        "redirectCondition": null
      },
      "ssoMode": null,
      "targetGroup": null,
      "targetOrgUnit": null
    },
    "nextPageToken": null
  },
  "ListPoliciesResponse": {
    "nextPageToken": null,
    "policies": {
      "customer": null,
      "name": null,
      "policyQuery": {
        "group": null,
        "orgUnit": null,
        "query": null,
        "sortOrder": null
      },
      "setting": {
        "type": null,
        "value": null
      },
      "type": null
    }
  },
  "MobileDevices": {
    "etag": null,
    "kind": null,
    "mobiledevices": {
      "adbStatus": null,
      "applications": {
        "displayName": null,
        "packageName": null,
        "permission": null,
        "versionCode": null,
        "versionName": null
      },
      "basebandVersion": null,
      "bootloaderVersion": null,
      "brand": null,
      "buildNumber": null,
      "defaultLanguage": null,
      "developerOptionsStatus": null,
      "deviceCompromisedStatus": null,
      "deviceId": null,
      "devicePasswordStatus": null,
      "email": null,
      "encryptionStatus": null,
      "etag": null,
      "firstSync": null,
      "hardware": null,
      "hardwareId": null,
      "imei": null,
      "kernelVersion": null,
      "kind": null,
      "lastSync": null,
      "managedAccountIsOnOwnerProfile": null,
      "manufacturer": null,
      "meid": null,
      "model": null,
      "name": null,
      "networkOperator": null,
      "os": null,
      "otherAccountsInfo": null,
      "privilege": null,
      "releaseVersion": null,
      "resourceId": null,
      "securityPatchLevel": null,
      "serialNumber": null,
      "status": null,
      "supportsWorkProfile": null,
      "type": null,
      "unknownSourcesStatus": null,
      "userAgent": null,
      "wifiMacAddress": null
    },
    "nextPageToken": null
  },
  "OrgUnits": {
    "etag": null,
    "kind": null,
    "organizationUnits": {
      "blockInheritance": null,
      "description": null,
      "etag": null,
      "kind": null,
      "name": null,
      "orgUnitId": null,
      "orgUnitPath": null,
      "parentOrgUnitId": null,
      "parentOrgUnitPath": null
    }
  },
  "Users": {
    "etag": null,
    "kind": null,
    "nextPageToken": null,
    "trigger_event": null,
    "users": {
      "addresses": null,
      "agreedToTerms": null,
      "aliases": null,
      "archived": null,
      "changePasswordAtNextLogin": null,
      "creationTime": null,
      "customSchemas": null,
      "customerId": null,
      "deletionTime": null,
      "emails": null,
      "etag": null,
      "externalIds": null,
      "gender": null,
      "guestAccountInfo": {
        "primaryGuestEmail": null
      },
      "hashFunction": null,
      "id": null,
      "ims": null,
      "includeInGlobalAddressList": null,
      "ipWhitelisted": null,
      "isAdmin": null,
      "isDelegatedAdmin": null,
      "isEnforcedIn2Sv": null,
      "isEnrolledIn2Sv": null,
      "isGuestUser": null,
      "isMailboxSetup": null,
      "keywords": null,
      "kind": null,
      "languages": null,
      "lastLoginTime": null,
      "locations": null,
      "name": {
        "displayName": null,
        "familyName": null,
        "fullName": null,
        "givenName": null
      },
      "nonEditableAliases": null,
      "notes": null,
      "orgUnitPath": null,
      "organizations": null,
      "password": null,
      "phones": null,
      "posixAccounts": null,
      "primaryEmail": null,
      "recoveryEmail": null,
      "recoveryPhone": null,
      "relations": null,
      "sshPublicKeys": null,
      "suspended": null,
      "suspensionReason": null,
      "thumbnailPhotoEtag": null,
      "thumbnailPhotoUrl": null,
      "websites": null
    }
  }
} as const satisfies Record<string, FieldSchema>;

/** Names of the response schemas above. */
export type GoogleResponseSchemaName = keyof typeof GOOGLE_RESPONSE_SCHEMAS;

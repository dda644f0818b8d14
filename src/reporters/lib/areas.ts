/** A part of the practice's set-up that controls are grouped under in reports people read. */
export interface ControlArea {
  id: string;
  /** How the area reads to a practice manager. */
  label: string;
}

/** The areas, in the order reports show them. */
export const CONTROL_AREAS: readonly ControlArea[] = [
  { id: 'access', label: 'Sign-in and MFA' },
  { id: 'accounts', label: 'Accounts' },
  { id: 'email', label: 'Email' },
  { id: 'sharing', label: 'File sharing' },
  { id: 'audit', label: 'Audit logs' },
  { id: 'devices', label: 'Devices' },
  { id: 'backup', label: 'Backup and contingency' },
  { id: 'vendors', label: 'Vendors and BAAs' },
  { id: 'practice', label: 'Practice answers' },
  { id: 'other', label: 'Other checks' },
];

/** Controls whose id does not say their area (the practice controls are answered by people). */
const AREA_BY_CONTROL: Readonly<Record<string, string>> = {
  'practice.business-associates': 'vendors',
  'practice.backup-restore-test': 'backup',
};

/** The area named by the second part of a control id (`m365.mfa.enforced` → mfa). */
const AREA_BY_TOPIC: Readonly<Record<string, string>> = {
  mfa: 'access',
  session: 'access',
  accounts: 'accounts',
  email: 'email',
  sharing: 'sharing',
  audit: 'audit',
  devices: 'devices',
  backup: 'backup',
  license: 'vendors',
};

/** The area a control belongs to; `other` for a control this version does not know. */
export function areaOf(controlId: string): ControlArea {
  const [scope, topic = ''] = controlId.split('.');
  const id = AREA_BY_CONTROL[controlId] ?? AREA_BY_TOPIC[topic] ?? (scope === 'practice' ? 'practice' : 'other');
  return CONTROL_AREAS.find((area) => area.id === id)!;
}

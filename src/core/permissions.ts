/** Something an admin must grant or buy so that a dataset can be read. */
export interface Requirement {
  kind: 'graph-application-permission' | 'exchange-application-permission' | 'license' | 'exchange-role' | 'google-scope';
  name: string;
  /** Why it is needed, in a few words. */
  purpose: string;
  /** True when the dataset is still collected without it, with less detail. */
  optional?: boolean;
}

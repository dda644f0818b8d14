/** Something an admin must grant or buy so that a dataset can be read. */
export interface Requirement {
  /**
   * What sort of grant it is; each provider names its own kinds and how to grant them
   * (`graph-application-permission`, `google-scope`, `license`, ...).
   */
  kind: string;
  name: string;
  /** Why it is needed, in a few words. */
  purpose: string;
  /** True when the dataset is still collected without it, with less detail. */
  optional?: boolean;
  /**
   * The one field of the dataset that needs it (e.g. `employeeLeaveDateTime`). Such a requirement
   * is charged only to the controls that declare they read the field, not to every reader.
   */
  field?: string;
}

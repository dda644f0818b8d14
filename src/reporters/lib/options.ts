/** The configuration file an audit was run with, as it sits in the user's repository. */
export interface ConfigFileRef {
  /** Its path relative to the repository's root, with forward slashes (`audit/practice.config.yaml`). */
  path: string;
  /** Its text, to find the line each answer (attestation) is given on. */
  text: string;
}

/** What a format may take besides the reports; every format ignores what it does not use. */
export interface FormatOptions {
  /**
   * The configuration file (`--config`) in the user's repository: SARIF results then point at it
   * (at the line of the answer a finding rests on, else line 1) instead of at a virtual path.
   */
  configFile?: ConfigFileRef;
  /**
   * How much the Markdown report shows. `counts` (the default, for job summaries of public
   * repositories): control titles, statuses, counts and what to do, and no names of people,
   * accounts or other evidence. `full`: also each finding's summary, evidence and who answered.
   */
  detail?: 'counts' | 'full';
}

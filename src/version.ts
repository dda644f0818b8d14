import packageJson from '../package.json' with { type: 'json' };

/** The version of tenant-audit that produced a report. */
export const TOOL_VERSION: string = packageJson.version;

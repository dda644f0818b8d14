/** The oldest Node.js tenant-audit runs on (package.json `engines`). */
export const MINIMUM_NODE = '22.12';

/** Why this Node.js cannot run tenant-audit, or undefined when it can. */
export function unsupportedNode(version: string): string | undefined {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const [needMajor, needMinor] = MINIMUM_NODE.split('.').map(Number) as [number, number];
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return undefined;
  return `tenant-audit: needs Node.js ${MINIMUM_NODE} or later (24 recommended); this is Node.js ${version.replace(/^v/, '')}.`;
}

// Role-like account names (frontdesk@, billing@): the rule the shared-login controls judge by and the
// prefixes the collectors filter sign-ins by, defined once so the two cannot drift apart.

const words = (s: string) => s.toLowerCase().split(/[._\-\d]+/).filter(Boolean);

/**
 * Address prefixes a server-side `startswith` filter needs so that every address
 * {@link roleLikeName} could match is read: each name's first word, without prefixes already
 * covered by a shorter one (front.desk gives "front", which also catches front_desk@ and frontdesk@).
 */
export function roleNamePrefixes(names: readonly string[]): string[] {
  const firsts = [...new Set(names.map((name) => words(name)[0]).filter((word): word is string => Boolean(word)))].sort(
    (a, b) => a.length - b.length,
  );
  return firsts.filter((prefix, index) => !firsts.slice(0, index).some((shorter) => prefix.startsWith(shorter)));
}

/**
 * A matcher for the configured names: which name an address's local part (before @) looks like,
 * if any. Rule: some leading run of the local part's words (split on `.`, `_`, `-` and digits),
 * run together, equals the name run together. So frontdesk@, front.desk@, front_desk2@,
 * reception2@, billing.office@ match, while officemanager.jones@ does not match "office" and
 * labelle.smith@ does not match "lab". The names are prepared once, not once per address.
 */
export function roleNameMatcher(names: readonly string[]): (address: string) => string | undefined {
  const targets = names.map((name) => ({ name, target: words(name).join('') })).filter((entry) => entry.target !== '');
  const longest = Math.max(0, ...targets.map((entry) => entry.target.length));
  return (address) => {
    const at = address.indexOf('@');
    const local = words(at === -1 ? address : address.slice(0, at));
    // The leading runs of the local part, as long as the longest name.
    const runs: string[] = [];
    let joined = '';
    for (const word of local) {
      joined += word;
      runs.push(joined);
      if (joined.length >= longest) break;
    }
    for (const { name, target } of targets) if (runs.includes(target)) return name;
    return undefined;
  };
}

/** {@link roleNameMatcher} for one address (prefer the matcher when checking many). */
export function roleLikeName(address: string, names: readonly string[]): string | undefined {
  return roleNameMatcher(names)(address);
}

/** Small pieces the Graph, Exchange and Google simulators share. */

/** Percent-decodes `text`, or keeps it as sent when it is not valid percent-encoding (the services answer such paths too). */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A model field that holds one item or several (as faults do), as a list. */
export function asList<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * The first of `faults` that matches this request and has hits left, recording the hit; `undefined`
 * when none does. Hits are counted per owner (tenant or customer), kind and position in the list.
 */
export function takeFault<Fault extends { times: number }>(
  hits: Map<string, number>,
  owner: string,
  kind: string,
  faults: Fault | Fault[] | undefined,
  matches: (fault: Fault) => boolean,
): Fault | undefined {
  for (const [index, fault] of asList(faults).entries()) {
    if (!matches(fault)) continue;
    const key = `${owner}|${kind}|${index}`;
    const seen = hits.get(key) ?? 0;
    if (seen >= fault.times) continue;
    hits.set(key, seen + 1);
    return fault;
  }
  return undefined;
}

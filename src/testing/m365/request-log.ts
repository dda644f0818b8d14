/** One request the simulator answered. */
export interface SimulatedRequest {
  method: string;
  /**
   * Graph: the path below the version, as sent, e.g. `/users` or `/$batch`. Exchange Online admin
   * API: the whole path, e.g. `/adminapi/beta/{tenant}/InvokeCommand`.
   */
  path: string;
  /** Query parameters as sent (names keep their `$`). */
  query: Record<string, string>;
  /** The tenant of the bearer token (`tid`), or `null` when there was no readable token. */
  tenantId: string | null;
  /** The HTTP status answered (for a `$batch` sub-request: its own status). */
  status: number;
  /** Whether this was a sub-request inside a `POST /$batch`. */
  viaBatch: boolean;
  /** The sub-request's `id` inside its batch. */
  batchRequestId?: string;
  /** The host, for requests to hosts other than Graph, e.g. `outlook.office365.com`. */
  host?: string;
  /** The cmdlet an Exchange Online admin API request ran (its `CmdletInput.CmdletName`, as sent). */
  cmdlet?: string;
  /** `beta` for a Graph request to the beta version (the path is then below `/beta`). */
  version?: 'beta';
}

/** Which requests to count; every given field must match. */
export interface SimulatedRequestFilter {
  method?: string;
  /** A string matches the path exactly (case-insensitive); a RegExp is tested on `path?query`. */
  path?: string | RegExp;
  tenantId?: string;
  status?: number;
  viaBatch?: boolean;
  /** Matches `host` exactly (case-insensitive); Graph requests have none. */
  host?: string;
  /** Matches `cmdlet` case-insensitively. */
  cmdlet?: string;
}

function queryString(query: Record<string, string>): string {
  const entries = Object.entries(query);
  return entries.length === 0 ? '' : `?${entries.map(([key, value]) => `${key}=${value}`).join('&')}`;
}

/**
 * The simulator's record of every request it answered, in order, so tests can count requests
 * (e.g. "users were read in 11 pages", "the throttled request was retried once").
 *
 * @example
 * const log = new SimulatorRequestLog();
 * server.use(...createGraphHandlers([practice], { requestLog: log }));
 * // ... run the code under test ...
 * expect(log.count({ path: '/users' })).toBe(11);
 */
export class SimulatorRequestLog {
  /** Every request answered, oldest first. Sub-requests of a batch come before the batch itself. */
  readonly entries: SimulatedRequest[] = [];

  /** Adds an entry (the simulator calls this). */
  record(entry: SimulatedRequest): void {
    this.entries.push(entry);
  }

  /** The entries that match `filter` (all of them without one). */
  filter(filter: SimulatedRequestFilter = {}): SimulatedRequest[] {
    return this.entries.filter((entry) => {
      if (filter.method !== undefined && entry.method.toUpperCase() !== filter.method.toUpperCase()) return false;
      if (filter.tenantId !== undefined && entry.tenantId?.toLowerCase() !== filter.tenantId.toLowerCase()) return false;
      if (filter.status !== undefined && entry.status !== filter.status) return false;
      if (filter.viaBatch !== undefined && entry.viaBatch !== filter.viaBatch) return false;
      if (filter.host !== undefined && entry.host?.toLowerCase() !== filter.host.toLowerCase()) return false;
      if (filter.cmdlet !== undefined && entry.cmdlet?.toLowerCase() !== filter.cmdlet.toLowerCase()) return false;
      if (typeof filter.path === 'string') return entry.path.toLowerCase() === filter.path.toLowerCase();
      if (filter.path instanceof RegExp) {
        filter.path.lastIndex = 0;
        return filter.path.test(entry.path + queryString(entry.query));
      }
      return true;
    });
  }

  /** How many entries match `filter`. */
  count(filter: SimulatedRequestFilter = {}): number {
    return this.filter(filter).length;
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries.length = 0;
  }
}

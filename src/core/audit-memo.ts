/**
 * Answers one audit's collectors share: the first collector that needs a value computes it, the
 * others await the same promise. A failure is not kept, so a dataset read again (after a transient
 * failure) asks again. One memo per audit: nothing outlives it.
 */
export class AuditMemo {
  private readonly answers = new Map<string, Promise<unknown>>();

  /** The value under `key`, computed by `compute` the first time it is asked for in this audit. */
  once<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const known = this.answers.get(key) as Promise<T> | undefined;
    if (known) return known;
    const answer = compute();
    this.answers.set(key, answer);
    answer.catch(() => {
      if (this.answers.get(key) === answer) this.answers.delete(key);
    });
    return answer;
  }
}

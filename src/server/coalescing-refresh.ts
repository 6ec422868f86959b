/**
 * The webhook route's engine refreshes (webhook-routes.ts), coalesced: under a stream of deliveries
 * one refresh serves every delivery committed before it began.
 */

/**
 * Refreshes the engine after deliveries, coalescing bursts. A caller takes a ticket when its data
 * is committed and asks with it: it is served by the running refresh if that one began after the
 * commit (all the deliveries of a group share one), else by the next one, which starts when the
 * running one ends and serves every request made meanwhile — so when `request(ticket)` resolves, a
 * refresh that began after the caller's commit has finished.
 */
export class CoalescingRefresh {
  /** How many refreshes have started. */
  private started = 0;
  private running: { readonly number: number; readonly done: Promise<void> } | null = null;
  private next: Promise<void> | null = null;

  constructor(private readonly refresh: () => Promise<void>) {}

  /** Taken right after a commit: the refreshes numbered above it began after that commit. */
  ticket(): number {
    return this.started;
  }

  request(ticket: number): Promise<void> {
    const running = this.running;
    if (running !== null && running.number > ticket) return running.done;
    if (this.next !== null) return this.next;
    if (running === null) return this.start();
    // After the running one, failed or not (its callers see its failure).
    this.next = running.done
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        return this.start();
      });
    return this.next;
  }

  private start(): Promise<void> {
    const number = ++this.started;
    const done: Promise<void> = this.refresh().finally(() => {
      if (this.running?.done === done) this.running = null;
    });
    this.running = { number, done };
    return done;
  }
}

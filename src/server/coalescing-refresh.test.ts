import { expect, it } from 'vitest';
import { CoalescingRefresh } from './coalescing-refresh.js';

/** A refresh whose runs are counted and finish when the test says so. */
function controlled() {
  const runs: { finish: () => void; fail: (error: Error) => void }[] = [];
  const refresher = new CoalescingRefresh(
    () =>
      new Promise<void>((resolve, reject) => {
        runs.push({ finish: resolve, fail: reject });
      }),
  );
  return { refresher, runs };
}

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

it('serves every delivery committed before a refresh began with that one refresh', async () => {
  const { refresher, runs } = controlled();
  const ticket = refresher.ticket();
  const first = refresher.request(ticket);
  const second = refresher.request(ticket);
  const third = refresher.request(ticket);
  expect(runs).toHaveLength(1);
  runs[0]?.finish();
  await Promise.all([first, second, third]);
  expect(runs).toHaveLength(1);
});

it('a commit made while a refresh runs waits for the next one, shared by all such commits', async () => {
  const { refresher, runs } = controlled();
  const early = refresher.request(refresher.ticket());
  // Committed after refresh 1 began: it cannot count on it.
  const lateTicket = refresher.ticket();
  const late = refresher.request(lateTicket);
  const later = refresher.request(refresher.ticket());
  expect(runs).toHaveLength(1);
  runs[0]?.finish();
  await early;
  expect(await settled(late)).toBe(false);
  expect(runs).toHaveLength(2);
  // A request with the late ticket while refresh 2 runs joins it: it began after that commit.
  const joined = refresher.request(lateTicket);
  runs[1]?.finish();
  await Promise.all([late, later, joined]);
  expect(runs).toHaveLength(2);
});

it('a failed refresh fails its callers, and the next one still runs', async () => {
  const { refresher, runs } = controlled();
  const failing = refresher.request(refresher.ticket());
  const next = refresher.request(refresher.ticket());
  runs[0]?.fail(new Error('the database is locked'));
  await expect(failing).rejects.toThrow('the database is locked');
  await new Promise((resolve) => setImmediate(resolve));
  expect(runs).toHaveLength(2);
  runs[1]?.finish();
  await next;
});

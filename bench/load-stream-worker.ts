/**
 * A worker thread of bench/load-bench.ts that sends a webhook run, so that its response times are
 * measured on an event loop of their own: on the main thread, which also reads the dashboards flat
 * out in run (c), each delivery's time would include waiting behind thousands of dashboard answers
 * being handled by the client itself. `paced`: a steady stream (paceDeliveries); otherwise autocannon.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { paceDeliveries, runAutocannon, webhookRequests } from './load-client.js';

export interface StreamJob {
  readonly url: string;
  readonly secret: string;
  readonly first: number;
  readonly connections: number;
  readonly duration: number;
  readonly overallRate?: number;
  readonly paced: boolean;
}

const job = workerData as StreamJob;
const figures =
  job.paced && job.overallRate !== undefined
    ? await paceDeliveries({
        url: job.url,
        secret: job.secret,
        first: job.first,
        rate: job.overallRate,
        duration: job.duration,
      })
    : await runAutocannon({
        url: job.url,
        connections: job.connections,
        duration: job.duration,
        ...(job.overallRate === undefined ? {} : { overallRate: job.overallRate }),
        requests: webhookRequests(job.secret, job.first),
      });
parentPort?.postMessage(figures);

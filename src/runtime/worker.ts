/** Worker threads that run a module next to the caller's, from the build or from the sources. */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts `name` (a module next to `callerUrl`, without extension) on a worker thread. From the
 * built JavaScript it loads `name.js`; from the TypeScript sources (tests, development) it loads
 * `name.ts` through tsx.
 */
export function startModuleWorker(callerUrl: string, name: string, options: WorkerOptions): Worker {
  if (callerUrl.endsWith('.ts')) {
    const tsx =
      typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx/esm/api') : 'tsx/esm/api';
    const entry = new URL(`./${name}.ts`, callerUrl).href;
    const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
    return new Worker(code, { ...options, eval: true });
  }
  return new Worker(new URL(`./${name}.js`, callerUrl), options);
}

/** `GET /` when the web UI is not built: a small page that explains the API and how to build the UI. */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function homePage(options: { version: string; demo: boolean; items: number }): string {
  const example = (path: string) =>
    `<li><a href="${escapeHtml(path)}"><code>GET ${escapeHtml(path)}</code></a></li>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Flowlens API</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
  code { background: #f0f2f5; padding: 0 .25rem; border-radius: 3px; }
  pre { background: #f0f2f5; padding: .75rem; overflow-x: auto; }
  h1 small { font-size: 1rem; font-weight: normal; color: #5b6475; }
</style>
</head>
<body>
<h1>Flowlens <small>${escapeHtml(options.version)}${options.demo ? ' · demo' : ''}</small></h1>
<p>Value stream management: flow and DORA metrics from idea to operation.
This server holds ${options.items.toLocaleString('en-US')} work items. The web UI has not been
built in this installation (run <code>npm run build</code> in the checkout, then restart the server);
this page describes the HTTP API.</p>
<p>The API is described by its OpenAPI 3 document:
<a href="/api/v1/openapi.json"><code>/api/v1/openapi.json</code></a>.
Durations are in seconds; periods are half-open <code>[from, to)</code>, given as
<code>YYYY-MM-DD</code> (00:00 UTC) or ISO 8601 timestamps.</p>
<h2>Examples</h2>
<ul>
${example('/api/v1/health')}
${example('/api/v1/org')}
${example('/api/v1/metrics?from=2025-01-06&to=2025-04-07')}
${example('/api/v1/metrics/series?from=2025-01-06&to=2025-04-07&aging=20')}
</ul>
<p>Scope the metrics with one of <code>team</code>, <code>valueStream</code> or <code>portfolio</code>.
One work item: <code>GET /api/v1/items/{source}/{id}</code>, with the source URL-encoded
(<code>github:acme/payments</code> → <code>github%3Aacme%2Fpayments</code>).</p>
<p>Import interchange records (NDJSON, one JSON object a line):</p>
<pre>curl --data-binary @events.ndjson -H 'content-type: application/x-ndjson' \\
  http://localhost:4400/api/v1/import</pre>
<p>Errors are JSON: <code>{"error": {"code": "INVALID_ARGUMENT", "message": "…"}}</code>.</p>
</body>
</html>
`;
}

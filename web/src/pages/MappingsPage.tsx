/**
 * Mappings: every source with how many of its raw statuses and types are unmapped, its team
 * overrides and saved versions, and the recomputations mapping changes started (with their
 * progress). Open a source to edit its mapping.
 */
import { useMappingSources } from '../api/org';
import { DataTable } from '../components/DataTable';
import { JobProgress } from '../components/JobProgress';
import { Breadcrumbs } from '../components/Layout';
import { Empty, QueryView } from '../components/States';
import { formatCount, formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { useHref } from '../lib/use-period';
import { useTitle } from '../lib/use-title';

export default function MappingsPage() {
  useTitle('Mappings');
  const sources = useMappingSources();
  const href = useHref();
  return (
    <>
      <Breadcrumbs items={[{ label: 'Mappings' }]} />
      <div className="page-head">
        <div>
          <h1>Mappings</h1>
          <p className="page-sub">
            How each source’s raw statuses, types and environments map to stages, states, flow types and
            production. Unmapped values count as waiting (statuses) or as features (types) until they are
            mapped.
          </p>
        </div>
      </div>
      <QueryView query={sources} what="the sources" height={300}>
        {(data) => (
          <>
            {data.jobs.length > 0 && (
              <section className="card" aria-labelledby="jobs-title">
                <h2 id="jobs-title">Recomputations</h2>
                <div className="jobs" data-testid="jobs">
                  {data.jobs.slice(0, 5).map((job) => (
                    <JobProgress key={job.id} job={job} />
                  ))}
                </div>
              </section>
            )}
            {data.sources.length === 0 ? (
              <Empty>No sources yet: import work items, or connect a tool with `flowlens connect`.</Empty>
            ) : (
              <section className="card section">
                <DataTable
                  testId="sources-table"
                  rows={data.sources}
                  rowKey={(s) => s.source}
                  initialSort={{ id: 'unmapped', direction: 'desc' }}
                  columns={[
                    {
                      id: 'source',
                      header: 'Source',
                      sort: (s) => s.source,
                      cell: (s) => (
                        <Link href={href(`/mappings/${encodeURIComponent(s.source)}`)}>{s.source}</Link>
                      ),
                    },
                    {
                      id: 'items',
                      header: 'Items',
                      numeric: true,
                      sort: (s) => s.items,
                      cell: (s) => formatCount(s.items),
                    },
                    {
                      id: 'deployments',
                      header: 'Deployments',
                      numeric: true,
                      sort: (s) => s.deployments,
                      cell: (s) => formatCount(s.deployments),
                    },
                    {
                      id: 'unmapped',
                      header: 'Unmapped',
                      numeric: true,
                      sort: (s) => s.unmappedStatuses + s.unmappedTypes,
                      cell: (s) =>
                        s.unmappedStatuses + s.unmappedTypes === 0 ? (
                          <span className="muted">none</span>
                        ) : (
                          <span className="warn-text">
                            {formatCount(s.unmappedStatuses)} of {formatCount(s.statuses)} statuses,{' '}
                            {formatCount(s.unmappedTypes)} of {formatCount(s.types)} types
                          </span>
                        ),
                    },
                    {
                      id: 'overrides',
                      header: 'Team overrides',
                      cell: (s) => (s.overrides.length === 0 ? '—' : s.overrides.join(', ')),
                    },
                    {
                      id: 'versions',
                      header: 'Last saved',
                      sort: (s) => s.lastSaved?.at ?? null,
                      cell: (s) =>
                        s.lastSaved === null
                          ? s.hasMapping
                            ? 'imported'
                            : 'no mapping'
                          : `version ${s.lastSaved.version}, ${formatDateTime(s.lastSaved.at)} by ${s.lastSaved.by}`,
                    },
                  ]}
                />
              </section>
            )}
          </>
        )}
      </QueryView>
    </>
  );
}

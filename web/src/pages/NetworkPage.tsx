/**
 * Network: the product management network — product managers, product owners, architects,
 * business analysts, UX and security leads across teams and value streams — as a graph: each person
 * linked to the value streams they hold roles in, and to the people whose teams their teams depend
 * on (work items under a shared parent). The tables behind it list the people and who coordinates
 * with whom, and why.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { useCallback, useId, useMemo } from 'react';
import { type NetworkDocument, ROLE_LABELS, type RoleName, useNetwork } from '../api/org';
import { base, type ChartTheme } from '../charts/theme';
import { Chart } from '../components/Chart';
import { DataTable } from '../components/DataTable';
import { Breadcrumbs } from '../components/Layout';
import { OrgTabs } from '../components/OrgTabs';
import { Empty, QueryView } from '../components/States';
import { formatCount, formatDate } from '../lib/format';
import { isDay } from '../lib/period';
import { updateSearch, useLocation } from '../lib/router';
import { useTitle } from '../lib/use-title';

/** The node colour of each product role (its main one: the first of these a person holds). */
const CATEGORIES: readonly { role: RoleName; color: string }[] = [
  { role: 'product-manager', color: 'ideate' },
  { role: 'product-owner', color: 'create' },
  { role: 'architect', color: 'release' },
  { role: 'business-analyst', color: 'risk' },
  { role: 'ux-lead', color: 'operate' },
  { role: 'security-lead', color: 'defect' },
];
const STREAM_CATEGORY = 'Value stream';

function mainRole(person: NetworkDocument['people'][number]): number {
  const index = CATEGORIES.findIndex((c) => person.roles.some((r) => r.role === c.role));
  return index === -1 ? 0 : index;
}

function networkOption(theme: ChartTheme, network: NetworkDocument): EChartsCoreOption {
  const b = base(theme);
  const categories = [
    ...CATEGORIES.map((c) => ({ name: ROLE_LABELS[c.role], itemStyle: { color: theme.color(c.color) } })),
    {
      name: STREAM_CATEGORY,
      itemStyle: { color: theme.surface, borderColor: theme.muted, borderWidth: 1.5 },
    },
  ];
  const nodes = [
    ...network.valueStreams.map((v) => ({
      id: `vs:${v.id}`,
      name: v.name,
      category: categories.length - 1,
      symbol: 'diamond',
      symbolSize: 26,
      label: { show: true, fontWeight: 600 },
    })),
    ...network.people.map((p) => ({
      id: `p:${p.id}`,
      name: p.name,
      category: mainRole(p),
      symbolSize: 10 + Math.min(12, p.teams.length * 2),
      value: p.roles.map((r) => ROLE_LABELS[r.role]).join(', '),
    })),
  ];
  const edges = [
    ...network.people.flatMap((p) =>
      p.valueStreams.map((v) => ({
        source: `p:${p.id}`,
        target: `vs:${v}`,
        lineStyle: { color: theme.border, width: 1 },
      })),
    ),
    ...network.links
      .filter((l) => l.dependencies.length > 0)
      .map((l) => ({
        source: `p:${l.source}`,
        target: `p:${l.target}`,
        lineStyle: {
          color: theme.color('waiting'),
          type: 'dashed',
          width: Math.min(4, 1 + l.dependencies.reduce((n, d) => n + d.items, 0) / 20),
        },
      })),
  ];
  return {
    ...b,
    animationDuration: 600,
    legend: { ...b.legend, data: categories.map((c) => c.name) },
    tooltip: {
      ...b.tooltip,
      formatter: (params: { dataType?: string; data?: { name?: string; value?: string } }) =>
        params.dataType === 'node'
          ? `${params.data?.name ?? ''}${params.data?.value ? `<br/>${params.data.value}` : ''}`
          : '',
    },
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: true,
        top: 56,
        bottom: 16,
        left: 16,
        right: 16,
        force: { repulsion: 140, edgeLength: [40, 110], gravity: 0.12 },
        categories,
        data: nodes,
        links: edges,
        label: { show: true, position: 'right', color: theme.text, fontSize: 11 },
        emphasis: { focus: 'adjacency' },
      },
    ],
  };
}

export default function NetworkPage() {
  useTitle('Network');
  const { search } = useLocation();
  const asOf = isDay(search.get('asOf')) ? (search.get('asOf') as string) : undefined;
  const network = useNetwork(asOf);
  const asOfId = useId();
  return (
    <>
      <Breadcrumbs items={[{ label: 'Organisation', href: '/organisation' }, { label: 'Network' }]} />
      <div className="page-head">
        <div>
          <h1>Product management network</h1>
          <p className="page-sub">
            Product managers, product owners and the other product roles across teams and value streams, and
            who coordinates with whom
            {network.data !== undefined && <> · as of {formatDate(network.data.asOf)}</>}
          </p>
        </div>
      </div>
      <OrgTabs />
      <div className="filters">
        <label className="field" htmlFor={asOfId}>
          As of
          <input
            id={asOfId}
            type="date"
            value={asOf ?? ''}
            onChange={(e) => updateSearch({ asOf: e.target.value || null })}
          />
        </label>
      </div>
      <QueryView query={network} what="the network" height={480}>
        {(data) =>
          data.people.length === 0 ? (
            <Empty>No one holds a product role yet.</Empty>
          ) : (
            <NetworkView network={data} />
          )
        }
      </QueryView>
    </>
  );
}

function NetworkView({ network }: { network: NetworkDocument }) {
  const option = useCallback((theme: ChartTheme) => networkOption(theme, network), [network]);
  const name = useMemo(() => new Map(network.people.map((p) => [p.id, p.name])), [network]);
  const streamName = useMemo(() => new Map(network.valueStreams.map((v) => [v.id, v.name])), [network]);
  const teamName = useMemo(() => new Map(network.teams.map((t) => [t.id, t.name])), [network]);
  const crossStream = network.links.filter((l) => l.valueStreams.length === 0).length;
  const linkCount = new Map<string, number>();
  for (const l of network.links) {
    linkCount.set(l.source, (linkCount.get(l.source) ?? 0) + 1);
    linkCount.set(l.target, (linkCount.get(l.target) ?? 0) + 1);
  }
  const summary =
    `${network.people.length} people in product roles across ${network.valueStreams.length} value streams, ` +
    `${network.links.length} pairs who coordinate (${crossStream} only through dependencies between their teams).`;
  return (
    <>
      <p className="roles-summary" data-testid="network-summary">
        <strong data-metric="people">{formatCount(network.people.length)}</strong> people ·{' '}
        <strong data-metric="links">{formatCount(network.links.length)}</strong> links ·{' '}
        <strong data-metric="dependencies">{formatCount(network.dependencies.length)}</strong> team
        dependencies
      </p>
      <section className="card">
        <Chart
          label="Product management network"
          summary={summary}
          option={option}
          height={560}
          testId="network-chart"
          table={
            <DataTable
              testId="network-people"
              rows={network.people}
              rowKey={(p) => p.id}
              initialSort={{ id: 'name', direction: 'asc' }}
              columns={[
                { id: 'name', header: 'Person', sort: (p) => p.name, cell: (p) => p.name },
                {
                  id: 'roles',
                  header: 'Roles',
                  cell: (p) =>
                    p.roles
                      .map(
                        (r) =>
                          `${ROLE_LABELS[r.role]} (${r.team === null ? (streamName.get(r.valueStream ?? '') ?? r.valueStream) : (teamName.get(r.team) ?? r.team)})`,
                      )
                      .join(', '),
                },
                {
                  id: 'streams',
                  header: 'Value streams',
                  cell: (p) => p.valueStreams.map((v) => streamName.get(v) ?? v).join(', '),
                },
                {
                  id: 'links',
                  header: 'Links',
                  numeric: true,
                  sort: (p) => linkCount.get(p.id) ?? 0,
                  cell: (p) => formatCount(linkCount.get(p.id) ?? 0),
                },
              ]}
            />
          }
        />
      </section>
      <section className="card section" aria-labelledby="links-title">
        <header>
          <h2 id="links-title">Who coordinates with whom</h2>
          <p className="card-desc">
            Two people are linked when they hold product roles in the same value stream, or when teams they
            answer for have work items under the same parent (a shared epic or initiative) in the year before.
          </p>
        </header>
        <DataTable
          testId="network-links"
          rows={network.links}
          rowKey={(l) => `${l.source}:${l.target}`}
          initialSort={{ id: 'a', direction: 'asc' }}
          columns={[
            {
              id: 'a',
              header: 'Person',
              sort: (l) => name.get(l.source) ?? l.source,
              cell: (l) => name.get(l.source),
            },
            {
              id: 'b',
              header: 'With',
              sort: (l) => name.get(l.target) ?? l.target,
              cell: (l) => name.get(l.target),
            },
            {
              id: 'why',
              header: 'Why',
              cell: (l) =>
                [
                  ...l.valueStreams.map((v) => `same value stream: ${streamName.get(v) ?? v}`),
                  ...l.dependencies.map(
                    (d) =>
                      `${teamName.get(d.teams[0]) ?? d.teams[0]} ↔ ${teamName.get(d.teams[1]) ?? d.teams[1]} (${formatCount(d.items)} items)`,
                  ),
                ].join('; '),
            },
          ]}
        />
      </section>
    </>
  );
}

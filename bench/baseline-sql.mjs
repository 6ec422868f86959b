// The SQL a user would otherwise write (the benchmark's baselines): per-item flow time and active
// time, and weekly throughput, with window functions over the raw transitions, classified by a
// table bench_states (source, status, state). The same text runs on SQLite and on DuckDB.
export const PER_ITEM_SQL = `
with spans as (
  select t.source, t.item, t."at", coalesce(s.state, 'waiting') as state,
         lead(t.at) over (partition by t.source, t.item order by t."at") as next_at
  from transitions t left join bench_states s on s.source = t.source and s.status = t.to_status
),
per_item as (
  select source, item,
         min(case when state in ('waiting', 'active') then "at" end) as started_at,
         max(case when state = 'done' and next_at is null then "at" end) as completed_at,
         sum(case when state = 'active' and next_at is not null then next_at - "at" else 0 end) as active_ms
  from spans group by source, item
)
select source, item, completed_at - started_at as flow_ms, active_ms from per_item where completed_at is not null`;

export const WEEKLY_SQL = `
with spans as (
  select t.source, t.item, t."at", coalesce(s.state, 'waiting') as state,
         lead(t.at) over (partition by t.source, t.item order by t."at") as next_at
  from transitions t left join bench_states s on s.source = t.source and s.status = t.to_status
),
completed as (select source, item, max("at") as completed_at from spans where state = 'done' and next_at is null group by source, item)
select cast(floor((completed_at / 86400000.0 + 3) / 7) as bigint) as week, count(*) as n from completed group by 1 order by 1`;

import { Migration } from '@mikro-orm/migrations';

/**
 * Goals, metrics and scoring. Metric values are keyed by (metric, subject, date, source id) so
 * that re-sending a value is a no-op; a subject is a person or an org unit. Employees gain the
 * job family that weighting schemes are scoped by, and people and units their localised names.
 */
export class Migration20250602000000_domain extends Migration {
	override up(): void {
		this.addSql(`
alter table employee add column job_family text;
alter table employee add column name_localized jsonb;
alter table org_unit add column name_localized jsonb;
alter table org_unit add column head_id uuid references employee(id);

create table metric_definition (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  key text not null check (key ~ '^[a-z][a-z0-9_]*$'),
  name jsonb not null,
  description jsonb,
  unit jsonb not null,
  aggregation text not null check (aggregation in ('sum','average','last','min','max','count')),
  period text not null check (period in ('day','week','month','quarter','year')),
  direction text not null check (direction in ('higher_is_better','lower_is_better')),
  formula text,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint metric_definition_key_unique unique (organisation_id, key)
);

create table metric_value (
  organisation_id uuid not null references organisation(id),
  metric_id uuid not null references metric_definition(id),
  subject_id uuid not null,
  at date not null,
  source_id text not null default '',
  subject_kind text not null check (subject_kind in ('person','unit')),
  value double precision not null,
  source text not null default 'api',
  ingested_at timestamptz not null default now(),
  primary key (organisation_id, metric_id, subject_id, at, source_id)
);

create table goal (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  parent_id uuid references goal(id),
  kind text not null check (kind in ('objective','key_result')),
  title jsonb not null,
  owner_kind text not null check (owner_kind in ('person','unit')),
  owner_id uuid not null,
  start_date date not null,
  due_date date not null,
  weight double precision not null default 1 check (weight >= 0),
  status text not null check (status in ('draft','awaiting_approval','active','done','archived')),
  category text,
  supports jsonb not null default '[]',
  metric_id uuid references metric_definition(id),
  metric_subject_id uuid,
  baseline double precision,
  target double precision,
  direction text check (direction in ('higher_is_better','lower_is_better')),
  aggregation text check (aggregation in ('sum','average','last','min','max','count')),
  metric_window jsonb,
  progress double precision not null default 0,
  attainment double precision not null default 0,
  current_value double precision,
  progress_at timestamptz,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index goal_parent_idx on goal (organisation_id, parent_id);
create index goal_owner_idx on goal (organisation_id, owner_id);
create index goal_metric_idx on goal (organisation_id, metric_id, metric_subject_id) where metric_id is not null;

create table goal_change (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  goal_id uuid not null references goal(id),
  kind text not null check (kind in ('create','retarget','reweight','reparent','archive','relink')),
  actor_id uuid,
  reason text not null default '',
  before jsonb,
  after jsonb not null,
  at timestamptz not null
);
create index goal_change_goal_idx on goal_change (organisation_id, goal_id, at);

create table weighting_scheme (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  key text not null,
  version int not null,
  name jsonb not null,
  effective_from date not null,
  scope_kind text not null check (scope_kind in ('organisation','unit','job_family','cycle')),
  scope_value text,
  items jsonb not null,
  grade_bands jsonb not null,
  outcome_rules jsonb not null default '[]',
  note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  constraint weighting_scheme_version_unique unique (organisation_id, key, version)
);

create table evaluation (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  employee_id uuid not null references employee(id),
  cycle text not null,
  status text not null check (status in ('live','finalised')),
  scheme_id uuid references weighting_scheme(id),
  score double precision,
  grade text,
  inputs jsonb,
  scored_at timestamptz,
  finalised_at timestamptz,
  finalised_by uuid,
  created_at timestamptz not null default now(),
  constraint evaluation_cycle_unique unique (organisation_id, employee_id, cycle)
);
create index evaluation_status_idx on evaluation (organisation_id, status);

create table weighting_swap (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  from_scheme_id uuid references weighting_scheme(id),
  to_scheme_id uuid not null references weighting_scheme(id),
  actor_id uuid,
  reason text not null default '',
  rescored int not null,
  left_finalised int not null,
  at timestamptz not null
);

create table metric_signal (
  organisation_id uuid not null references organisation(id),
  subject_id uuid not null,
  updated_at timestamptz not null,
  primary key (organisation_id, subject_id)
);
`);
	}

	override down(): void {
		this.addSql(`
drop table if exists metric_signal, weighting_swap, evaluation, weighting_scheme, goal_change, goal, metric_value, metric_definition cascade;
alter table org_unit drop column if exists head_id, drop column if exists name_localized;
alter table employee drop column if exists name_localized, drop column if exists job_family;
`);
	}
}

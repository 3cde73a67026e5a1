import { Migration } from '@mikro-orm/migrations';

/**
 * The first schema. Every table carries organisation_id (and leads its keys with it where a
 * lookup is per organisation) so that the schema can later be distributed by organisation.
 */
export class Migration20250601000000_initial extends Migration {
	override up(): void {
		this.addSql(`
create table organisation (
  id uuid primary key,
  organisation_id uuid not null,
  name text not null,
  created_at timestamptz not null default now(),
  constraint organisation_self check (organisation_id = id)
);

create table org_unit (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  parent_id uuid references org_unit(id),
  kind text not null check (kind in ('company','department','team')),
  name text not null,
  created_at timestamptz not null default now()
);
create index org_unit_parent_idx on org_unit (organisation_id, parent_id);

create table employee (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  name text not null,
  email text not null,
  manager_id uuid references employee(id),
  unit_id uuid references org_unit(id),
  job_title text,
  country text,
  locale text not null default 'en',
  time_zone text not null default 'UTC',
  hire_date date,
  created_at timestamptz not null default now(),
  constraint employee_email_unique unique (organisation_id, email)
);
create index employee_manager_idx on employee (organisation_id, manager_id);

create table workflow_definition (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  slug text not null,
  name jsonb not null,
  created_at timestamptz not null default now(),
  constraint workflow_definition_slug_unique unique (organisation_id, slug)
);

create table workflow_version (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  definition_id uuid not null references workflow_definition(id),
  version int not null,
  content jsonb not null,
  content_hash text not null,
  status text not null check (status in ('draft','published')),
  note text,
  created_at timestamptz not null default now(),
  published_at timestamptz,
  constraint workflow_version_number_unique unique (definition_id, version),
  constraint workflow_version_hash_unique unique (definition_id, content_hash)
);

create table instance (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  definition_version_id uuid not null references workflow_version(id),
  subject_id uuid not null references employee(id),
  status text not null check (status in ('running','done','failed','cancelled')),
  snapshot jsonb not null,
  state_value jsonb not null,
  version int not null,
  started_at timestamptz not null,
  updated_at timestamptz not null,
  completed_at timestamptz
);
create index instance_status_idx on instance (organisation_id, status);
create index instance_subject_idx on instance (organisation_id, subject_id);
create index instance_version_idx on instance (definition_version_id, status);

create table journal (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  instance_id uuid not null references instance(id),
  seq int not null,
  kind text not null check (kind in ('start','event','timer','migration')),
  event_type text not null,
  payload jsonb,
  actor_id uuid,
  client_event_id text,
  from_state jsonb,
  to_state jsonb not null,
  at timestamptz not null,
  constraint journal_seq_unique unique (instance_id, seq),
  constraint journal_client_event_unique unique (instance_id, client_event_id)
);

create function journal_append_only() returns trigger language plpgsql as $fn$
begin
  raise exception 'journal rows are append-only';
end
$fn$;
create trigger journal_no_update before update on journal
  for each row execute function journal_append_only();

create table task (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  instance_id uuid not null references instance(id),
  task_key text not null,
  state_path text not null,
  kind text not null,
  assignee_person_id uuid references employee(id),
  assignee_role text,
  form text,
  title text,
  due_at timestamptz,
  status text not null check (status in ('open','completed','cancelled')),
  outcome text,
  data jsonb,
  completed_by uuid,
  completed_at timestamptz,
  created_at timestamptz not null
);
create index task_instance_idx on task (instance_id, status);
create index task_assignee_idx on task (organisation_id, assignee_person_id, status);
create index task_role_idx on task (organisation_id, assignee_role, status);

create table timer (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  instance_id uuid not null references instance(id),
  timer_key text not null,
  event jsonb not null,
  due_at timestamptz not null,
  status text not null check (status in ('pending','fired','cancelled')),
  fired_at timestamptz,
  created_at timestamptz not null
);
create index timer_due_idx on timer (status, due_at);
create index timer_instance_idx on timer (instance_id, timer_key) where status = 'pending';

create table outbox (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  instance_id uuid references instance(id),
  kind text not null check (kind in ('notify','action')),
  payload jsonb not null,
  idempotency_key text not null,
  status text not null check (status in ('pending','done','failed')),
  attempts int not null default 0,
  available_at timestamptz not null,
  last_error text,
  created_at timestamptz not null,
  done_at timestamptz,
  constraint outbox_idempotency_unique unique (idempotency_key)
);
create index outbox_pending_idx on outbox (status, available_at);

create table notification (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  instance_id uuid references instance(id),
  recipient_person_id uuid references employee(id),
  recipient_role text,
  template text not null,
  params jsonb not null,
  created_at timestamptz not null,
  read_at timestamptz
);
create index notification_recipient_idx on notification (organisation_id, recipient_person_id, read_at);
`);
	}

	override down(): void {
		this.addSql(
			'drop table if exists notification, outbox, timer, task, journal, instance, workflow_version, workflow_definition, employee, org_unit, organisation cascade; drop function if exists journal_append_only();'
		);
	}
}

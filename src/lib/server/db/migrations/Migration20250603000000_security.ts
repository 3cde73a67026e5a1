import { Migration } from '@mikro-orm/migrations';

/**
 * Accounts, role grants, sessions, invitation/reset tokens, login attempts and the audit trail.
 * Only hashes of secrets are stored. The audit trail is append-only: a trigger refuses UPDATE,
 * DELETE and TRUNCATE, except that key rotation may re-seal its encrypted before/after values
 * (and nothing else) inside a transaction that sets `loopwork.key_rotation`.
 */
export class Migration20250603000000_security extends Migration {
	override up(): void {
		this.addSql(`
create table user_account (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  employee_id uuid references employee(id),
  email text not null check (email = lower(email)),
  password_hash text,
  status text not null check (status in ('invited','active','disabled')),
  auth_provider text not null default 'password' check (auth_provider in ('password','oidc')),
  external_subject text,
  failed_attempts int not null default 0,
  last_sign_in_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint user_account_email_unique unique (organisation_id, email)
);
create unique index user_account_employee_unique on user_account (organisation_id, employee_id) where employee_id is not null;

create table role_assignment (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  account_id uuid references user_account(id) on delete cascade,
  employee_id uuid references employee(id),
  role text not null check (role in ('employee','manager','hr','designer','admin')),
  scope_unit_id uuid references org_unit(id),
  created_by uuid,
  created_at timestamptz not null default now(),
  constraint role_assignment_holder check ((account_id is null) <> (employee_id is null))
);
create unique index role_assignment_unique on role_assignment
  (organisation_id, coalesce(account_id, employee_id), role, coalesce(scope_unit_id, '00000000-0000-0000-0000-000000000000'::uuid));

create table session (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  account_id uuid not null references user_account(id) on delete cascade,
  token_hash text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  absolute_expires_at timestamptz not null,
  last_seen_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text,
  constraint session_token_unique unique (token_hash)
);
create index session_account_idx on session (organisation_id, account_id) where revoked_at is null;

create table auth_token (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  account_id uuid not null references user_account(id) on delete cascade,
  kind text not null check (kind in ('invitation','reset')),
  token_hash text not null,
  created_by uuid,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  constraint auth_token_hash_unique unique (token_hash)
);
create index auth_token_account_idx on auth_token (organisation_id, account_id, kind) where used_at is null;

create table login_attempt (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  email text not null,
  ip text not null,
  succeeded boolean not null,
  at timestamptz not null
);
create index login_attempt_email_idx on login_attempt (organisation_id, email, at);
create index login_attempt_ip_idx on login_attempt (organisation_id, ip, at);

create table audit_log (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  at timestamptz not null,
  actor_account_id uuid,
  actor_label text,
  action text not null,
  entity text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  ip text
);
create index audit_log_at_idx on audit_log (organisation_id, at desc, id);
create index audit_log_entity_idx on audit_log (organisation_id, entity, entity_id);
create index audit_log_action_idx on audit_log (organisation_id, action, at desc);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE'
     and coalesce(current_setting('loopwork.key_rotation', true), '') = 'on'
     and (to_jsonb(new) - 'before' - 'after') = (to_jsonb(old) - 'before' - 'after') then
    return new;
  end if;
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_append_only_rows before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_append_only_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();
`);
	}

	override down(): void {
		this.addSql(`
drop table if exists audit_log, login_attempt, auth_token, session, role_assignment, user_account cascade;
drop function if exists audit_log_append_only();
`);
	}
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Feedback threads and the e-mail outbox. A mail row is created by a trigger in the same
 * transaction as its notification, so no notification loses its mail and none gets two; the
 * mail worker renders and sends (or keeps) it later.
 */
export class Migration20250610000000_inbox extends Migration {
	override up(): void {
		this.addSql(`
create table feedback_entry (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  subject_id uuid not null references employee(id),
  instance_id uuid references instance(id),
  goal_id uuid references goal(id),
  parent_id uuid references feedback_entry(id),
  author_id uuid references employee(id),
  author_account_id uuid,
  body text not null,
  is_private boolean not null default false,
  check_in jsonb,
  created_at timestamptz not null,
  constraint feedback_entry_about check (instance_id is not null or goal_id is not null)
);
create index feedback_entry_subject_idx on feedback_entry (organisation_id, subject_id, created_at);
create index feedback_entry_instance_idx on feedback_entry (organisation_id, instance_id, created_at);
create index feedback_entry_goal_idx on feedback_entry (organisation_id, goal_id, created_at);
create index feedback_entry_parent_idx on feedback_entry (parent_id);

create table mail_message (
  id uuid primary key,
  organisation_id uuid not null references organisation(id),
  notification_id uuid references notification(id),
  to_person_id uuid references employee(id),
  to_email text not null,
  subject text,
  body_text text,
  body_html text,
  status text not null check (status in ('pending','kept','sent','failed')),
  attempts int not null default 0,
  last_error text,
  created_at timestamptz not null,
  sent_at timestamptz,
  constraint mail_message_notification_unique unique (notification_id, to_person_id)
);
create index mail_message_status_idx on mail_message (status, created_at);
create index mail_message_org_idx on mail_message (organisation_id, created_at);

create function notification_mail() returns trigger language plpgsql as $fn$
begin
  insert into mail_message (id, organisation_id, notification_id, to_person_id, to_email, status, created_at)
  select gen_random_uuid(), new.organisation_id, new.id, e.id, e.email, 'pending', new.created_at
    from employee e
   where e.organisation_id = new.organisation_id and (
     e.id = new.recipient_person_id
     or (new.recipient_role is not null and exists (
       select 1 from role_assignment r left join user_account a on a.id = r.account_id
        where r.organisation_id = new.organisation_id and r.role = new.recipient_role
          and (r.employee_id = e.id or a.employee_id = e.id))))
  on conflict do nothing;
  return new;
end
$fn$;
create trigger notification_mail after insert on notification
  for each row execute function notification_mail();
`);
	}

	override down(): void {
		this.addSql(`
drop trigger if exists notification_mail on notification;
drop function if exists notification_mail();
drop table if exists mail_message, feedback_entry cascade;
`);
	}
}

create table docs (id int primary key, owner text, body text);
alter table docs enable row level security;
alter table docs force row level security;
create policy docs_owner on docs for select to app_user using (owner = current_user);
create policy docs_write on docs as restrictive for insert to app_user with check (owner = current_user);
create table notes (id int primary key);
grant select, insert on notes to app_user;
grant select (id, owner) on docs to auditor;
grant update on docs to app_user with grant option;

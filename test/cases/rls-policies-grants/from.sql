create table docs (id int primary key, owner text, body text);
create table notes (id int primary key);
grant select on notes to app_user;

create table members (id int primary key, full_name text, email text);
create index users_email_idx on members (email);

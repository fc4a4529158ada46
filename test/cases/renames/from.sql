create table users (id int primary key, fullname text, email text);
create index users_email_idx on users (email);

create table users (id serial primary key, email varchar(255) not null unique, email_verified boolean not null default false);

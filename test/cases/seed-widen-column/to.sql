create table users (id serial primary key, email varchar(320) not null);

create table products (id serial primary key, name text not null);

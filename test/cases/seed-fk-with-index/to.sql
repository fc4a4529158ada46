create table users (id serial primary key, name text not null);
create table orders (
  id serial primary key,
  user_id integer not null,
  total_amount numeric(10,2) not null check (total_amount >= 0),
  status varchar(20) not null default 'pending',
  created_at timestamp not null default now(),
  constraint fk_orders_user_id foreign key (user_id) references users(id) on delete cascade
);
create index idx_orders_user_id on orders (user_id);
create index idx_orders_user_status on orders (user_id, status);

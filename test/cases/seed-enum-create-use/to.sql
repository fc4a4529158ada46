create type order_status as enum ('pending', 'processing', 'shipped', 'delivered', 'cancelled');
create table orders (id serial primary key, status varchar(20) not null default 'pending', state order_status not null default 'pending');

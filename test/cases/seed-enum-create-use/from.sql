create table orders (id serial primary key, status varchar(20) not null default 'pending');

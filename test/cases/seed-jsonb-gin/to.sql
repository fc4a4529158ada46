create table products (id serial primary key, name text not null, metadata jsonb not null default '{}');
create index idx_products_metadata on products using gin (metadata);
create index idx_products_metadata_brand on products ((metadata ->> 'brand'));

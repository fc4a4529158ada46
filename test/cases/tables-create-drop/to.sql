create table keep (id int primary key);
create table "New Table" (id bigint generated always as identity primary key, "select" text not null, price numeric(10,2) default 0 check (price >= 0));

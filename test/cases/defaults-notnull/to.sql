create table t (id int primary key, a int default 2, b text not null, c text, d int default 42 not null, e text not null, f timestamptz not null default now());

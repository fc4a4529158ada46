create table t (id int primary key, a varchar(50), b bigint, c varchar(20), d timestamptz, e jsonb, f numeric(12,2), g text,
  h uuid, i boolean not null default false, j int[] default '{}', k bytea, l inet, m interval, n date default current_date);

create table t (id int primary key, updated_at timestamptz);
create function f_old(x int) returns int language sql as $$ select x $$;
create function total() returns int language sql as $$ select count(*)::int from t $$;

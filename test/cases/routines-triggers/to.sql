create table t (id int primary key, updated_at timestamptz);
create function total() returns bigint language sql as $$ select count(*) from t $$;
create function touch() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end $$;
create procedure cleanup(days int) language plpgsql as $$ begin delete from t where updated_at < now() - make_interval(days => days); end $$;
create trigger t_touch before update on t for each row execute function touch();
comment on function touch() is 'sets updated_at';

create table articles (id serial primary key, title text not null, body text not null, search_vector tsvector);
create index idx_articles_search on articles using gin (search_vector);
create function articles_search_update() returns trigger language plpgsql as $$
begin
  new.search_vector := setweight(to_tsvector('english', coalesce(new.title, '')), 'A') || setweight(to_tsvector('english', coalesce(new.body, '')), 'B');
  return new;
end
$$;
create trigger articles_search_trigger before insert or update on articles for each row execute function articles_search_update();

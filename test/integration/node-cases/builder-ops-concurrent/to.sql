create table authors (id integer primary key, full_name text not null, born date);
create table books (id integer primary key, author_id integer not null, title text not null, meta jsonb);
create index books_title_idx on books (title);
create index books_meta_has_isbn on books ((meta ? 'isbn'));
create table reviews (
  id bigint primary key,
  book_id integer not null references books(id) on delete cascade,
  stars smallint not null default 3 check (stars between 1 and 5),
  unique (book_id, id)
);

create table authors (id integer primary key, name text not null, legacy text);
create table books (
  id integer primary key,
  author_id integer not null,
  title text not null,
  meta jsonb,
  constraint books_author_fk foreign key (author_id) references authors(id)
);
create unique index books_title_key on books (title);

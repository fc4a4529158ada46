-- The schema as it is in production today.
CREATE TABLE users (
  id serial PRIMARY KEY,
  fullname varchar(100) NOT NULL,
  email varchar(255) NOT NULL UNIQUE,
  created_at timestamp NOT NULL DEFAULT now()
);

CREATE TABLE orders (
  id serial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id),
  total numeric(10,2) NOT NULL CHECK (total >= 0)
);

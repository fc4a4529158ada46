CREATE TABLE items (id int PRIMARY KEY, label text, qty int);
CREATE VIEW item_labels AS SELECT id, label FROM items;
COMMENT ON COLUMN item_labels.label IS 'shown to customers';
COMMENT ON VIEW item_labels IS 'labels only';
CREATE FUNCTION item_labels_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO items (id, label) VALUES (NEW.id, NEW.label);
  RETURN NEW;
END $$;
CREATE TRIGGER item_labels_insert INSTEAD OF INSERT ON item_labels FOR EACH ROW EXECUTE FUNCTION item_labels_insert();

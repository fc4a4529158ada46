import { describe, expect, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "adding-foreign-key-constraint";

describe(RULE, () => {
  it("flags a foreign key without NOT VALID", () => {
    expectOne(RULE, "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);", 1, 24);
  });
  it("flags a new column with REFERENCES", () => {
    expectOne(RULE, "ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id);", 1, 46);
  });
  it("accepts a foreign key added NOT VALID", () => {
    expectNone(RULE, "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;");
  });
});

describe(`${RULE} suggestion`, () => {
  it('rewrites the statement with NOT VALID and names the constraint to validate, quoting as needed', () => {
    const finding = expectOne(RULE, 'ALTER TABLE "Orders" ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);', 1, 26);
    expect(finding.suggestion).toBe(
      'ALTER TABLE "Orders" ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n' +
        '-- then, in another transaction: ALTER TABLE "Orders" VALIDATE CONSTRAINT fk;',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { expectNone, expectOne } from '../helpers.js';

const RULE = "adding-not-nullable-field";

describe(RULE, () => {
  it("flags SET NOT NULL without a proving CHECK", () => {
    expectOne(RULE, "ALTER TABLE users ALTER COLUMN email SET NOT NULL;", 1, 1);
  });
  it("flags a CHECK added NOT VALID but never validated does not help", () => {
    expectOne(RULE, "ALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;", 2, 1);
  });
  it("flags before PostgreSQL 12 even a validated CHECK does not skip the scan", () => {
    expectOne(RULE, "ALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT c;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;", 3, 1, {pgVersion: 11});
  });
  it("accepts the CHECK NOT VALID, VALIDATE, SET NOT NULL recipe", () => {
    expectNone(RULE, "ALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT c;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users DROP CONSTRAINT c;");
  });
});

describe(`${RULE} suggestion`, () => {
  it('spells out the CHECK recipe with the real names', () => {
    const finding = expectOne(RULE, 'ALTER TABLE users ALTER COLUMN email SET NOT NULL;', 1, 1);
    expect(finding.suggestion).toContain('ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;');
    expect(finding.suggestion).toContain('ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;');
  });
});

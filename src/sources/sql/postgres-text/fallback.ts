/**
 * Raised when SQL text holds something the text reader does not model exactly as PostgreSQL would.
 * It is never shown to users: the loader then applies the text to a scratch database instead.
 */
export class NeedsDatabase extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NeedsDatabase';
  }
}

export function needsDatabase(reason: string): never {
  throw new NeedsDatabase(reason);
}

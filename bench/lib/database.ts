/** `DATABASE_URL` for a bench store given as a SQLite file path or a postgresql:// URL. */
export function databaseUrlOf(db: string): string {
  return isPostgres(db) ? db : `sqlite://${db}`;
}

export function isPostgres(db: string): boolean {
  return /^postgres(ql)?:\/\//.test(db);
}

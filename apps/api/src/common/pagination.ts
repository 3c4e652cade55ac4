/**
 * Keyset pagination by id. Ids are UUIDv7, so id order is creation order: `asc` pages from the
 * oldest, `desc` from the newest. One row more than asked is read to know whether a next page
 * exists; the cursor is the last id of the page.
 */
export function keysetWhere<W extends object>(where: W, cursor: string | undefined, order: 'asc' | 'desc' = 'asc') {
  return cursor ? { AND: [where, { id: order === 'asc' ? { gt: cursor } : { lt: cursor } }] } : where;
}

export function keysetPage<T extends { id: string }, U>(rows: T[], limit: number, map: (row: T) => U): { items: U[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { items: page.map(map), nextCursor: rows.length > limit ? page.at(-1)!.id : null };
}

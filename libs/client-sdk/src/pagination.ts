/** A page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Every item of a cursor-paginated list, fetching pages as the loop asks for them:
 * `for await (const c of paginate((cursor) => client.listCases({ cursor }))) …`.
 */
export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, options: { maxPages?: number } = {}): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  for (let pages = 0; pages < (options.maxPages ?? Number.POSITIVE_INFINITY); pages++) {
    const page = await fetchPage(cursor);
    yield* page.items;
    if (!page.nextCursor) return;
    if (page.nextCursor === cursor) throw new Error('the server returned the same cursor twice');
    cursor = page.nextCursor;
  }
}

// A page of a list and the list's total. The total is a count of everything the filter
// matches, a second scan; when the page itself shows where the list ends (it is not full,
// and it is the first page or not past the end) the total follows from it, and the count
// is not run: most lists a page shows (a driver's reservations, a floor's slots) are one
// short page.

/** `rows` of the page at `page`, and the total (from `count` only when the page cannot tell). */
export async function pageAndTotal<T>(
  page: { limit: number; offset: number },
  rows: () => Promise<T[]>,
  count: () => Promise<number>,
): Promise<{ rows: T[]; total: number }> {
  const found = await rows();
  const endsHere = found.length < page.limit && (found.length > 0 || page.offset === 0);
  return { rows: found, total: endsHere ? page.offset + found.length : await count() };
}

/** A new row id such as P-3f9c2a71d0: the table's prefix and 40 random bits, checked against those in use. */
export function newId(prefix: string, random: () => string, taken: ReadonlySet<string>): string {
  for (;;) {
    const id = `${prefix}-${random()
      .replace(/[^a-f0-9]/gi, '')
      .slice(0, 10)
      .toLowerCase()}`;
    if (id.length === prefix.length + 11 && !taken.has(id)) return id;
  }
}

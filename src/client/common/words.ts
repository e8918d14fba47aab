// Counts in words, one phrasing for both sidebars: "1 response", "3 responses", "1 was", "2 were".

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

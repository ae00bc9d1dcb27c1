/** A count with its noun in the right number, for the popup and options: "1 person", "2 people". */
export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

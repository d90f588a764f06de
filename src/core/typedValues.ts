/**
 * Values people type into a catalogue column (a status, a channel, a header), compared the way a
 * person reads them: after Unicode NFC (some Mac and Windows tools write decomposed accents), case
 * folding and collapsed spaces. A value still unknown is matched to its nearest catalogue value, so a
 * message can name it.
 */
/** A typed value as it is compared: NFC, lower case, spaces collapsed and trimmed. */
export function foldText(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Each catalogue's values by their folded form (a register's every row asks). */
const folded = new WeakMap<readonly string[], Map<string, string>>();

/** The catalogue value `text` means, or undefined. */
export function matchValue<T extends string>(text: string, values: readonly T[]): T | undefined {
  if ((values as readonly string[]).includes(text)) return text as T;
  let byFold = folded.get(values);
  if (!byFold) folded.set(values, (byFold = new Map(values.map((v) => [foldText(v), v]))));
  return byFold.get(foldText(text)) as T | undefined;
}

/**
 * Levenshtein distance on one row. The minimum is taken by comparisons, not Math.min: under jest's
 * sandbox a call to Math.min here was not inlined and a 50,000-character cell cost seconds.
 */
function editDistance(a: string, b: string): number {
  const row: number[] = [];
  for (let j = 0; j <= b.length; j += 1) row.push(j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0]!;
    row[0] = i;
    const letter = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j]!;
      const inserted = row[j - 1]! + 1;
      const replaced = diagonal + (letter === b.charCodeAt(j - 1) ? 0 : 1);
      let distance = above + 1;
      if (inserted < distance) distance = inserted;
      if (replaced < distance) distance = replaced;
      row[j] = distance;
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The catalogue value nearest to `text` (fewest letters to change, case and spaces aside), and how far. */
export function nearestValue<T extends string>(text: string, values: readonly T[]): { value: T; distance: number } {
  const folded = foldText(text);
  let best: { value: T; distance: number } | undefined;
  for (const value of values) {
    const other = foldText(value);
    // The distance is at least the difference in length: a value that cannot come nearer than the
    // nearest so far is not measured (a 50,000-character cell is measured once, not per value).
    if (best && Math.abs(folded.length - other.length) >= best.distance) continue;
    const distance = editDistance(folded, other);
    if (!best || distance < best.distance) best = { value, distance };
  }
  if (!best) throw new TypeError('nearestValue: no values to compare with');
  return best;
}

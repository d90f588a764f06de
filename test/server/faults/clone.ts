/**
 * A deep copy of a fixture (a local world and what the test keeps of it), keeping classes, Maps,
 * Sets, Dates and shared references: each faulted run starts from the very same world, at the cost
 * of a copy rather than a new setup. Functions are shared, so the copy's trigger ids come from the
 * original's counter (ids stay unique).
 */
export function cloneDeep<T>(value: T, seen = new Map<unknown, unknown>()): T {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return seen.get(value) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof Map) {
    const copy = new Map();
    seen.set(value, copy);
    // Primitives (most keys and values: cell keys, formats, cell values) are copied without a call:
    // a world holds hundreds of thousands of them, and the sweeps copy it once a fault.
    for (const [k, v] of value) {
      copy.set(
        typeof k !== 'object' || k === null ? k : cloneDeep(k, seen),
        typeof v !== 'object' || v === null ? v : cloneDeep(v, seen),
      );
    }
    return copy as T;
  }
  if (value instanceof Set) {
    const copy = new Set();
    seen.set(value, copy);
    for (const v of value) copy.add(cloneDeep(v, seen));
    return copy as T;
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const v of value) copy.push(typeof v !== 'object' || v === null ? v : cloneDeep(v, seen));
    return copy as T;
  }
  const copy = Object.create(Object.getPrototypeOf(value) as object) as Record<string, unknown>;
  seen.set(value, copy);
  for (const key of Reflect.ownKeys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, key)!;
    if ('value' in d) d.value = cloneDeep(d.value, seen);
    Object.defineProperty(copy, key, d);
  }
  return copy as T;
}

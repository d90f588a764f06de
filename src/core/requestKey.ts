/**
 * Request keys: what makes a submit happen once. A key names the action's key space, the request
 * id the sidebar generated, and a hash of what was sent, so that a retry with the same payload is
 * recognised as done and a different payload under a known id is refused instead of dropped.
 */

export type RequestSpace = 'intake' | 'update';

/** JSON with object keys sorted, so the same payload always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// Math.imul read once: a global looked up in the hot loop is many times slower in a sandboxed
// context (jest's vm, where the tests run); behaviour is the same.
const { imul } = Math;

/** cyrb53: a fast 53-bit string hash (public domain), as a number; `seed` gives another hash of the same text. */
export function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = imul(h1 ^ ch, 2654435761);
    h2 = imul(h2 ^ ch, 1597334677);
  }
  h1 = imul(h1 ^ (h1 >>> 16), 2246822507) ^ imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = imul(h2 ^ (h2 >>> 16), 2246822507) ^ imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** cyrb53 in base 36, for request payloads and table versions. */
export function hash53(text: string): string {
  return cyrb53(text).toString(36);
}

export interface RequestKey {
  readonly space: RequestSpace;
  readonly id: string;
  readonly hash: string;
}

export function requestKey(space: RequestSpace, id: string, payload: unknown): RequestKey {
  return { space, id, hash: hash53(canonicalJson(payload)) };
}

export function formatRequestKey(key: RequestKey): string {
  return `${key.space}:${key.id}:${key.hash}`;
}

function parseRequestKey(text: string): RequestKey | undefined {
  const m = /^(intake|update):([A-Za-z0-9-]{8,64}):([0-9a-z]+)$/.exec(text.trim());
  return m && m[1] && m[2] && m[3] ? { space: m[1] as RequestSpace, id: m[2], hash: m[3] } : undefined;
}

/** How a stored key relates to a new request: the same request again, the same id with other data, or unrelated. */
export function compareRequestKeys(stored: RequestKey, wanted: RequestKey): 'same' | 'conflict' | 'other' {
  if (stored.space !== wanted.space || stored.id !== wanted.id) return 'other';
  return stored.hash === wanted.hash ? 'same' : 'conflict';
}

/** The size of a text in UTF-8 bytes (Google's cache and property limits count bytes, not characters). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * A register row's `Mã yêu cầu` cell: the keys of the last requests applied to the row, newest
 * first, separated by spaces (one line, so the row stays one line high): a retry is recognised from
 * the row alone, with no search of the log. While a step is being written its key comes first,
 * marked pending: a run stopped after the mark tells the next request to look for the step's event
 * and finish the row from it, or drop the mark if the event was never written.
 */
export interface RowKeys {
  readonly pending?: RequestKey;
  readonly applied: readonly RequestKey[];
}

/** How many applied keys a row keeps: a retry comes within seconds, long before three more steps. */
const ROW_KEYS_KEPT = 3;
const PENDING_PREFIX = 'chờ:';

export function parseRowKeys(text: string): RowKeys {
  const lines = text.trim().split(/\s+/);
  const first = lines[0] ?? '';
  const pending = first.startsWith(PENDING_PREFIX) ? parseRequestKey(first.slice(PENDING_PREFIX.length)) : undefined;
  const applied = lines.slice(pending ? 1 : 0).flatMap((line) => parseRequestKey(line) ?? []);
  return { ...(pending ? { pending } : {}), applied };
}

export function formatRowKeys(keys: RowKeys): string {
  return [
    ...(keys.pending ? [`${PENDING_PREFIX}${formatRequestKey(keys.pending)}`] : []),
    ...keys.applied.slice(0, ROW_KEYS_KEPT).map(formatRequestKey),
  ].join(' ');
}

/** The row's keys once `key` is applied: first among the applied, nothing pending. */
export function withApplied(keys: RowKeys, key: RequestKey): RowKeys {
  return { applied: [key, ...keys.applied.filter((k) => formatRequestKey(k) !== formatRequestKey(key))] };
}

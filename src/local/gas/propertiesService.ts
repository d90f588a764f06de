/** `PropertiesService`: script, user and document stores with Google's size limits. */
import type * as S from '../../gas/services';
import { googleError } from './errors';
import type { Execution, Runtime } from './runtime';

const PROPERTY_VALUE_LIMIT = 9 * 1024;
const PROPERTY_STORE_LIMIT = 500 * 1024;
/** Google's quotas say "9kB" and "500kB" without saying of what: counted in UTF-8 bytes, the stricter reading (a Vietnamese letter is 2–3). */
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

function storeIn<K>(map: Map<K, Map<string, string>>, key: K): Map<string, string> {
  let store = map.get(key);
  if (!store) {
    store = new Map();
    map.set(key, store);
  }
  return store;
}

/** A store read and written live in a plain record (a workbook's own properties travel with its data). */
class RecordStore extends Map<string, string> {
  constructor(private readonly record: Record<string, string>) {
    super();
  }
  override get(k: string) {
    return Object.hasOwn(this.record, k) ? this.record[k] : undefined;
  }
  override has(k: string) {
    return Object.hasOwn(this.record, k);
  }
  override set(k: string, v: string) {
    this.record[k] = v;
    return this;
  }
  override delete(k: string) {
    const had = Object.hasOwn(this.record, k);
    delete this.record[k];
    return had;
  }
  override entries() {
    return new Map(Object.entries(this.record)).entries();
  }
  override [Symbol.iterator]() {
    return this.entries();
  }
  override get size() {
    return Object.keys(this.record).length;
  }
}

export class LocalProperties {
  private readonly script = new Map<string, string>();
  private readonly user = new Map<string, Map<string, string>>();

  constructor(
    private readonly runtime: Runtime,
    /** The workbooks, whose own properties an execution sees (a field, not a closure: a cloned world clones it). */
    private readonly workbooks: ReadonlyMap<string, { documentProperties?: Record<string, string> }>,
  ) {}

  serviceFor(execution: Execution): S.PropertiesServiceService {
    return {
      getDocumentProperties: () => {
        this.runtime.touch('PropertiesService.getDocumentProperties');
        const book = execution.activeSpreadsheetId ? this.workbooks.get(execution.activeSpreadsheetId) : undefined;
        if (!book) return null;
        return this.propertiesOf(new RecordStore((book.documentProperties ??= {})));
      },
      getScriptProperties: () => {
        this.runtime.touch('PropertiesService.getScriptProperties');
        return this.propertiesOf(this.script);
      },
      getUserProperties: () => {
        this.runtime.touch('PropertiesService.getUserProperties');
        return this.propertiesOf(storeIn(this.user, execution.user));
      },
    };
  }

  private propertiesOf(store: Map<string, string>): S.Properties {
    const props: S.Properties = {
      getProperty: (k) => {
        this.runtime.charge('Properties.getProperty', 'propertiesGet');
        return store.get(k) ?? null;
      },
      setProperty: (k, v) => {
        this.runtime.charge('Properties.setProperty', 'propertiesSet');
        const value = String(v);
        if (bytes(value) > PROPERTY_VALUE_LIMIT) throw googleError('Argument too large: value');
        const total = [...store.entries()].reduce((n, [kk, vv]) => n + (kk === k ? 0 : bytes(kk) + bytes(vv)), 0);
        if (total + bytes(k) + bytes(value) > PROPERTY_STORE_LIMIT)
          throw googleError('You have exceeded the property storage quota. Please remove some properties and try again.');
        store.set(k, value);
        return props;
      },
      getProperties: () => {
        this.runtime.charge('Properties.getProperties', 'propertiesGet');
        return Object.fromEntries(store);
      },
      deleteProperty: (k) => {
        this.runtime.charge('Properties.deleteProperty', 'propertiesSet');
        store.delete(k);
        return props;
      },
    };
    return props;
  }
}

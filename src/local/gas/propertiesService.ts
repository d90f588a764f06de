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

/** A store kept in a plain record (a workbook's own properties travel with its data). */
function recordStore(record: Record<string, string>): Map<string, string> {
  const store = new Map(Object.entries(record));
  const sync = () => {
    for (const k of Object.keys(record)) if (!store.has(k)) delete record[k];
    for (const [k, v] of store) record[k] = v;
  };
  const set = store.set.bind(store);
  const del = store.delete.bind(store);
  store.set = (k, v) => (set(k, v), sync(), store);
  store.delete = (k) => {
    const had = del(k);
    sync();
    return had;
  };
  return store;
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
        return this.propertiesOf(recordStore((book.documentProperties ??= {})));
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

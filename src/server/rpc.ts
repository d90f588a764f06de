/**
 * The sidebar ↔ server contract, in one place: what the sidebars may call through
 * google.script.run, each entry taking the services first. build.mjs adds one top-level function
 * per name (via `callServer` in index.ts), the browser code types its calls with `RpcApi`, and the
 * local browser shim serves the same table: no list of names is kept anywhere else.
 */
import type { Services } from '../gas/services';
import { intakeContext, rememberReceiverName, submitIntake } from './intake';
import { submitReceptionRefusal } from './receptionRefusal';
import { formHtml } from './forms/gather';
import { showPrintForm } from './sidebars';
import { lookupDossier, submitUpdate } from './update';
import { buildSummary } from './summary/build';
import { summaryOptions } from './summary/options';
import { checkData, repairData } from './consistency';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export const RPC = {
  getIntakeContext: (s: Services) => intakeContext(s),
  saveIntake: (s: Services, input: unknown) => submitIntake(s, input),
  rememberReceiverName: (s: Services, name: unknown) => rememberReceiverName(s, name),
  refuseReception: (s: Services, input: unknown) => submitReceptionRefusal(s, input),
  findDossier: (s: Services, code: unknown) => lookupDossier(s, text(code)),
  saveUpdate: (s: Services, input: unknown) => submitUpdate(s, input),
  openPrintForm: (s: Services, code: unknown, kind: unknown) => showPrintForm(s, text(code), text(kind)),
  getPrintForm: (s: Services, code: unknown, kind: unknown) => formHtml(s, text(code), text(kind)),
  getSummaryOptions: (s: Services) => summaryOptions(s),
  buildSummary: (s: Services, input: unknown) => buildSummary(s, input),
  checkData: (s: Services) => checkData(s),
  repairData: (s: Services, token: unknown) => repairData(s, token),
} as const;

export type RpcName = keyof typeof RPC;

/** What a sidebar sees of each entry: the same arguments after the services, the same answer. */
export type RpcApi = {
  readonly [K in RpcName]: (typeof RPC)[K] extends (s: Services, ...args: infer A) => infer R ? (...args: A) => R : never;
};

export function isRpcName(name: unknown): name is RpcName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(RPC, name);
}

/**
 * What the sidebars may call through google.script.run, each taking the services first. index.ts
 * exports one Apps Script function per entry; the local browser shim calls the same table.
 */
import { formHtml } from './print';
import { intakeContext, submitIntake } from './intake';
import type { Services } from '../gas/services';
import { showPrintForm } from './sidebars';
import { lookupDossier, submitUpdate } from './update';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export const RPC = {
  getIntakeContext: (s: Services) => intakeContext(s),
  saveIntake: (s: Services, input: unknown) => submitIntake(s, input),
  findDossier: (s: Services, code: unknown) => lookupDossier(s, text(code)),
  saveUpdate: (s: Services, input: unknown) => submitUpdate(s, input),
  openPrintForm: (s: Services, code: unknown, kind: unknown) => showPrintForm(s, text(code), text(kind)),
  getPrintForm: (s: Services, code: unknown, kind: unknown) => formHtml(s, text(code), text(kind)),
} as const;

export type RpcName = keyof typeof RPC;

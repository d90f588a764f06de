/**
 * Fault injection (src/local/gas/faults.ts): every kind of local service call passes through the one
 * hook, a fault fires at the nth call of a name or a service with Google's text, a lock timeout is a
 * lock not acquired, and Google's time limit ends the execution.
 */
import { FAULT_KINDS, faultsFor } from '../../src/local/gas/faults';
import { LocalWorld } from '../../src/local/gas/world';

function world() {
  const w = new LocalWorld(new Date('2026-03-02T02:00:00Z'));
  const book = w.createSpreadsheetData('Sổ thử');
  const run = <T>(fn: Parameters<LocalWorld['run']>[1]) =>
    w.run({ spreadsheetId: book.id, user: 'canbo@example.gov.vn' }, fn) as T;
  return { w, book, run };
}

describe('fault injection in the local services', () => {
  it('sees every call: spreadsheets, locks (getting one too), properties, cache, mail, triggers, flush, session', () => {
    const { w, run } = world();
    const calls = w.faults.record();
    run((s) => {
      s.spreadsheetApp.getActiveSpreadsheet()!.getSheets()[0]!.getRange(1, 1).setValue('x');
      s.spreadsheetApp.flush();
      const lock = s.lockService.getDocumentLock()!;
      lock.tryLock(1000);
      lock.hasLock();
      lock.releaseLock();
      s.lockService.getScriptLock();
      s.propertiesService.getDocumentProperties()!.setProperty('k', 'v');
      s.propertiesService.getScriptProperties().getProperty('k');
      s.propertiesService.getUserProperties().deleteProperty('k');
      s.cacheService.getDocumentCache()!.put('k', 'v', 60);
      s.cacheService.getScriptCache().get('k');
      s.mailApp.getRemainingDailyQuota();
      s.mailApp.sendEmail({ to: 'a@example.vn', subject: 's', body: 'b' });
      s.scriptApp.newTrigger('f').timeBased().everyDays(1).atHour(7).create();
      s.scriptApp.getProjectTriggers();
      s.session.getActiveUser();
      s.session.getEffectiveUser();
      s.utilities.formatDate(new Date(), 'Asia/Ho_Chi_Minh', 'yyyy');
    });
    expect([...calls]).toEqual([
      'SpreadsheetApp.getActiveSpreadsheet',
      'Spreadsheet.getSheets',
      'Sheet.getRange',
      'Range.setValue',
      'SpreadsheetApp.flush',
      'LockService.getDocumentLock',
      'Lock.tryLock',
      'Lock.hasLock',
      'Lock.releaseLock',
      'LockService.getScriptLock',
      'PropertiesService.getDocumentProperties',
      'Properties.setProperty',
      'PropertiesService.getScriptProperties',
      'Properties.getProperty',
      'PropertiesService.getUserProperties',
      'Properties.deleteProperty',
      'CacheService.getDocumentCache',
      'Cache.put',
      'CacheService.getScriptCache',
      'Cache.get',
      'MailApp.getRemainingDailyQuota',
      'MailApp.sendEmail',
      'ScriptApp.newTrigger',
      'ScriptApp.newTrigger.create',
      'ScriptApp.getProjectTriggers',
      'Session.getActiveUser',
      'Session.getEffectiveUser',
      'Utilities.formatDate',
    ]);
  });

  it("throws Google's texts, at the nth call of a name or of a service, once, before the call has any effect", () => {
    const { w, book, run } = world();
    const write = (s: Parameters<Parameters<LocalWorld['run']>[1]>[0], v: string) =>
      s.spreadsheetApp.getActiveSpreadsheet()!.getSheets()[0]!.getRange(1, 1).setValue(v);
    const fault = w.faults.inject({ kind: 'timeout', nth: 2, call: 'Range.setValue' });
    run((s) => write(s, 'một'));
    expect(() => run((s) => write(s, 'hai'))).toThrow(
      `Service Spreadsheets timed out while accessing document with id ${book.id}.`,
    );
    expect(fault).toMatchObject({ fired: true, firedAt: 'Range.setValue' });
    expect(book.sheets[0]!.rows[0]![0]).toBe('một');
    run((s) => write(s, 'ba'));
    expect(book.sheets[0]!.rows[0]![0]).toBe('ba');

    w.faults.inject({ kind: 'server-error', nth: 2, service: 'Properties' });
    expect(() =>
      run((s) => {
        const p = s.propertiesService.getDocumentProperties()!;
        p.setProperty('a', '1');
        p.setProperty('b', '2');
      }),
    ).toThrow("We're sorry, a server error occurred. Please wait a bit and try again.");
    expect(run((s) => s.propertiesService.getDocumentProperties()!.getProperties())).toEqual({ a: '1' });

    w.faults.inject({ kind: 'mail-quota', nth: 1, call: 'MailApp.sendEmail' });
    expect(() => run((s) => s.mailApp.sendEmail({ to: 'a@example.vn', subject: 's', body: 'b' }))).toThrow(
      'Service invoked too many times for one day: email.',
    );
    expect(w.outbox).toHaveLength(0);
  });

  it('a lock timeout is a lock not acquired: tryLock answers false after its wait, waitLock throws Google’s text', () => {
    const { w, run } = world();
    w.faults.inject({ kind: 'lock-timeout', nth: 1, call: 'Lock.tryLock' });
    const before = w.clock.nowMs();
    expect(run((s) => s.lockService.getDocumentLock()!.tryLock(20000))).toBe(false);
    expect(w.clock.nowMs() - before).toBeGreaterThanOrEqual(20000);
    w.faults.inject({ kind: 'lock-timeout', nth: 1, call: 'Lock.tryLock' });
    expect(() => run((s) => s.lockService.getDocumentLock()!.waitLock(1000))).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
  });

  it('Google’s time limit ends the execution: nothing after it runs, even when the script catches it', () => {
    const { w, run } = world();
    w.faults.inject({ kind: 'time-limit', nth: 1, call: 'Cache.get' });
    let after = 'not reached';
    expect(() =>
      run((s) => {
        try {
          s.cacheService.getScriptCache().get('k');
        } catch {
          after = 'caught';
        }
        s.propertiesService.getScriptProperties().setProperty('k', after);
      }),
    ).toThrow('Exceeded maximum execution time');
    expect(after).toBe('caught');
    expect(run((s) => s.propertiesService.getScriptProperties().getProperty('k'))).toBeNull();
  });

  it('offers at each call only the faults Google throws there', () => {
    expect(faultsFor('Range.setValues')).toEqual(['timeout', 'time-limit', 'server-error']);
    expect(faultsFor('Lock.tryLock')).toEqual(['lock-timeout', 'time-limit', 'server-error']);
    expect(faultsFor('MailApp.sendEmail')).toEqual(['time-limit', 'mail-quota', 'server-error']);
    expect(faultsFor('Properties.getProperty')).toEqual(['time-limit', 'server-error']);
    expect(FAULT_KINDS).toHaveLength(5);
  });
});

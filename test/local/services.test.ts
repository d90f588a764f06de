import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALL_COSTS_MS } from '../../src/local/gas/runtime';
import { LocalWorld } from '../../src/local/gas/world';
import { unitWorld } from '../helpers';

describe('local Apps Script services', () => {
  it('sends RFC 822 mail and refuses past the daily recipient quota', () => {
    const world = new LocalWorld();
    world.mailQuota = 3;
    world.run({ user: 'canbo@example.gov.vn', context: 'trigger' }, (s) => {
      s.mailApp.sendEmail({ to: 'a@example.gov.vn, b@example.gov.vn', subject: 'Hồ sơ sắp đến hạn', body: 'Xin chào' });
      expect(s.mailApp.getRemainingDailyQuota()).toBe(1);
      expect(() => s.mailApp.sendEmail({ to: 'c@example.gov.vn, d@example.gov.vn', subject: 'x', body: 'y' })).toThrow(
        'Service invoked too many times for one day: email.',
      );
    });
    expect(world.outbox).toHaveLength(1);
    const eml = world.outbox[0]!.rfc822;
    expect(eml).toContain('To: a@example.gov.vn, b@example.gov.vn');
    expect(eml).toContain(`Subject: =?UTF-8?B?${Buffer.from('Hồ sơ sắp đến hạn').toString('base64')}?=`);
    const [file] = world.writeOutbox(mkdtempSync(join(tmpdir(), 'outbox-')));
    const written = readFileSync(file!, 'utf8');
    expect(written).toBe(eml);
    const body = /\r\n\r\n([A-Za-z0-9+/=\r\n]+)\r\n$/.exec(written)?.[1] ?? '';
    expect(Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8')).toBe('Xin chào');
    // The quota is a rolling 24 hours.
    world.clock.advance(24 * 3600 * 1000 + 1);
    expect(world.remainingQuota('canbo@example.gov.vn')).toBe(3);
  });

  it('throws on getUi() in a trigger, as Google does', () => {
    const { run } = unitWorld();
    expect(() => run((s) => s.spreadsheetApp.getUi(), 'trigger')).toThrow(
      'Cannot call SpreadsheetApp.getUi() from this context.',
    );
    expect(() => run((s) => s.spreadsheetApp.getUi(), 'editor')).not.toThrow();
  });

  it('times a waitLock out while another execution holds the document lock', () => {
    const { world, book } = unitWorld();
    world.run({ user: 'a@example.gov.vn', spreadsheetId: book.id }, (outer) => {
      outer.lockService.getDocumentLock()!.waitLock(1000);
      world.run({ user: 'b@example.gov.vn', spreadsheetId: book.id }, (inner) => {
        const before = world.clock.nowMs();
        expect(() => inner.lockService.getDocumentLock()!.waitLock(5000)).toThrow(
          'Lock timeout: another process was holding the lock for too long.',
        );
        expect(world.clock.nowMs() - before).toBeGreaterThanOrEqual(5000);
      });
    });
    // Released when its execution ended.
    world.run({ user: 'b@example.gov.vn', spreadsheetId: book.id }, (s) =>
      expect(s.lockService.getDocumentLock()!.tryLock(0)).toBe(true),
    );
  });

  it('records time-driven triggers and caps them at 20 per user', () => {
    const world = new LocalWorld();
    world.run({ user: 'admin@example.gov.vn' }, (s) => {
      const t = s.scriptApp
        .newTrigger('sendDueDigests')
        .timeBased()
        .everyDays(1)
        .atHour(7)
        .inTimezone('Asia/Ho_Chi_Minh')
        .create();
      expect(s.scriptApp.getProjectTriggers().map((x) => x.getHandlerFunction())).toEqual(['sendDueDigests']);
      for (let i = 1; i < 20; i += 1) s.scriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create();
      expect(() => s.scriptApp.newTrigger('one-too-many').timeBased().everyHours(1).create()).toThrow(
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
      s.scriptApp.deleteTrigger(t);
      expect(s.scriptApp.getProjectTriggers()).toHaveLength(19);
    });
    expect(world.triggers[0]).toMatchObject({ handler: 'f1', everyHours: 1 });
  });

  it('expires cache entries on the simulated clock and limits property sizes', () => {
    const { world, run } = unitWorld();
    run((s) => {
      s.cacheService.getScriptCache().put('k', 'v', 60);
      expect(s.cacheService.getScriptCache().get('k')).toBe('v');
      expect(() => s.propertiesService.getScriptProperties().setProperty('big', 'x'.repeat(10 * 1024))).toThrow(
        'Argument too large: value',
      );
    });
    world.clock.advance(61000);
    run((s) => expect(s.cacheService.getScriptCache().get('k')).toBeNull());
  });

  it('counts the 9 KB property and 100 KB cache limits in UTF-8 bytes, so Vietnamese text fills them three times sooner', () => {
    const { run } = unitWorld();
    run((s) => {
      const properties = s.propertiesService.getScriptProperties();
      properties.setProperty('vi', 'ệ'.repeat(3072)); // 9,216 bytes
      expect(() => properties.setProperty('vi', 'ệ'.repeat(3073))).toThrow('Argument too large: value');
      const cache = s.cacheService.getScriptCache();
      cache.put('vi', 'ệ'.repeat(34133), 60); // 102,399 bytes
      expect(() => cache.put('vi', 'ệ'.repeat(34134), 60)).toThrow('Argument too large: value');
    });
  });

  it('charges a property or cache write more than a read, and a sent email most', () => {
    const world = new LocalWorld();
    const costOf = (fn: () => void) => {
      const before = world.clock.nowMs();
      fn();
      return world.clock.nowMs() - before;
    };
    world.run({ user: 'canbo@example.gov.vn', context: 'trigger' }, (s) => {
      const props = s.propertiesService.getScriptProperties();
      const cache = s.cacheService.getScriptCache();
      expect(costOf(() => props.setProperty('k', 'v'))).toBe(CALL_COSTS_MS.propertiesSet);
      expect(costOf(() => props.getProperty('k'))).toBe(CALL_COSTS_MS.propertiesGet);
      expect(costOf(() => cache.put('k', 'v', 60))).toBe(CALL_COSTS_MS.cachePut);
      expect(costOf(() => cache.get('k'))).toBe(CALL_COSTS_MS.cacheGet);
      expect(costOf(() => s.mailApp.sendEmail({ to: 'a@example.gov.vn', subject: 's', body: 'b' }))).toBe(
        CALL_COSTS_MS.sendEmail,
      );
    });
    expect(CALL_COSTS_MS.propertiesSet).toBeGreaterThan(CALL_COSTS_MS.propertiesGet);
    expect(CALL_COSTS_MS.cachePut).toBeGreaterThan(CALL_COSTS_MS.cacheGet);
  });

  it('formats dates like Utilities.formatDate in the given zone', () => {
    const world = new LocalWorld();
    world.run({}, (s) => {
      const d = new Date('2026-02-20T07:05:09Z');
      expect(s.utilities.formatDate(d, 'Asia/Ho_Chi_Minh', "yyyy-MM-dd'T'HH:mm:ss Z")).toBe('2026-02-20T14:05:09 +0700');
      expect(s.utilities.formatDate(d, 'America/Los_Angeles', 'dd/MM/yy HH:mm')).toBe('19/02/26 23:05');
    });
  });

  it('only opens another user’s workbook when it is shared with them', () => {
    const { world, book } = unitWorld();
    world.run({ user: 'hdnd@example.gov.vn', context: 'editor' }, (s) => {
      expect(() => s.spreadsheetApp.openById(book.id)).toThrow('You do not have permission to access the requested document.');
    });
    world.run({ user: 'canbo@example.gov.vn', spreadsheetId: book.id }, (s) =>
      s.spreadsheetApp.getActiveSpreadsheet()!.addViewers(['hdnd@example.gov.vn']),
    );
    world.run({ user: 'hdnd@example.gov.vn' }, (s) => expect(s.spreadsheetApp.openById(book.id).getName()).toBe(book.name));
  });
});

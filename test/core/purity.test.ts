import { buildSync } from 'esbuild';
import vm from 'node:vm';

describe('src/core', () => {
  it('runs in a bare V8 context with no Apps Script or Node globals', () => {
    const bundle = buildSync({
      stdin: {
        contents: `import { computeDue } from './src/core/appointment';
          import { WorkingCalendar } from './src/core/calendar';
          import { DEFAULT_OFFICE_HOURS } from './src/core/officeHours';
          import { formatAppointmentVi } from './src/core/format';
          globalThis.result = formatAppointmentVi(computeDue({ unit: 'ngày làm việc', value: 5 }, { date: '2025-01-24', minute: 570 },
            { calendar: new WorkingCalendar(), officeHours: DEFAULT_OFFICE_HOURS }));`,
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      format: 'iife',
      platform: 'neutral',
      write: false,
    });
    const context = vm.createContext({});
    vm.runInContext(bundle.outputFiles[0]!.text, context);
    expect(context.result).toBe('17 giờ 00, ngày 07/02/2025');
  });
});

/** The CLI's progress: a bar redrawn in place on a terminal, a few plain lines elsewhere. */
import { Progress } from '../../src/local/cli/progress';

describe('Progress', () => {
  it('draws one bar in place on a terminal, under the lines printed meanwhile', () => {
    const lines: string[] = [];
    const screen: string[] = [];
    const progress = new Progress((l) => lines.push(l), { columns: 50, write: (t) => screen.push(t) > 0 });
    const bar = progress.bar('Đọc sổ', 18);
    bar.update(9, 'UBND xã Tề Lỗ');
    expect(screen.at(-1)).toBe('\r\x1b[2K      Đọc sổ [████████████░░░░░░░░░░░░] 9/18 UBND'); // cut to the terminal's width
    progress.line('[2/4] Báo cáo');
    // Cleared, the line printed, the bar drawn again under it.
    expect(screen.slice(-2)).toEqual(['\r\x1b[2K', expect.stringContaining('9/18')]);
    expect(lines).toEqual(['[2/4] Báo cáo']);
    bar.end();
    expect(screen.at(-1)).toBe('\r\x1b[2K');
  });

  it('prints a plain line at each quarter when stdout is not a terminal, and none for a quiet bar', () => {
    const lines: string[] = [];
    const progress = new Progress((l) => lines.push(l));
    const bar = progress.bar('Đọc sổ', 18);
    for (let i = 0; i <= 18; i += 1) bar.update(i);
    expect(lines).toEqual(['      Đọc sổ: 5/18', '      Đọc sổ: 9/18', '      Đọc sổ: 14/18']);
    const quiet = progress.bar('Ngày', 19, true);
    for (let i = 0; i <= 19; i += 1) quiet.update(i);
    expect(lines).toHaveLength(3);
  });
});

describe('progress on a terminal', () => {
  describe('progress on a terminal', () => {
    it('draws the whole bar, count and detail on a pseudo-terminal that reports 0 columns (`script -qc …`)', () => {
      const screen: string[] = [];
      const bar = new Progress(() => undefined, { columns: 0, write: (t) => screen.push(t) > 0 }).bar('Ngày', 25, true);
      bar.update(5, '24/04/2026: xã Tam Hồng');
      expect(screen.at(-1)).toContain('] 5/25 24/04/2026: xã Tam Hồng');
    });
  });
});

/**
 * Progress of the CLI's long steps. On a terminal, one bar redrawn in place under the lines already
 * printed; elsewhere (CI logs, a pipe) no bar, only a plain line at each quarter, so logs stay short.
 */
import { formatNumberVi } from '../../core/format';

/** The part of a TTY stream the bar needs. */
export interface BarStream {
  readonly columns?: number;
  write(text: string): boolean;
}

export interface Bar {
  /** `done` of the bar's total are finished; `detail` says what is being done now. */
  update(done: number, detail?: string): void;
  /** Removes the bar (the caller logs what was done). */
  end(): void;
}

const WIDTH = 24;

export class Progress {
  private shown = '';

  /** `tty` only when stdout is a terminal: the bar is then drawn there. */
  constructor(
    private readonly log: (line: string) => void,
    private readonly tty?: BarStream,
  ) {}

  /** A line printed above the bar, which is drawn again under it. */
  line(text: string): void {
    const bar = this.shown;
    this.clear();
    this.log(text);
    if (bar) this.draw(bar);
  }

  /** A bar over `total` items; without a terminal, a line at 25, 50 and 75 % unless `quiet`. */
  bar(label: string, total: number, quiet = false): Bar {
    let quarter = 0;
    return {
      update: (done, detail = '') => {
        if (this.tty) {
          const filled = total > 0 ? Math.round((WIDTH * Math.min(done, total)) / total) : WIDTH;
          this.draw(
            `      ${label} [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${formatNumberVi(done)}/${formatNumberVi(total)} ${detail}`,
          );
        } else if (!quiet && total > 0 && done < total && Math.floor((4 * done) / total) > quarter) {
          quarter = Math.floor((4 * done) / total);
          this.log(`      ${label}: ${formatNumberVi(done)}/${formatNumberVi(total)}`);
        }
      },
      end: () => this.clear(),
    };
  }

  private draw(text: string): void {
    if (!this.tty) return;
    // A pseudo-terminal of unknown size (`script`, some CI runners) says 0 columns: take 80 then.
    const columns = Math.max(20, (this.tty.columns || 80) - 1);
    const fitted = [...text].slice(0, columns).join('');
    this.tty.write(`\r\x1b[2K${fitted}`);
    this.shown = text;
  }

  private clear(): void {
    if (!this.tty || !this.shown) return;
    this.tty.write('\r\x1b[2K');
    this.shown = '';
  }
}

/** Where the outputs went: one line a kind, with its count and (a few of) its file names. */
export function outputLines(
  out: string,
  groups: readonly { label: string; files: readonly string[]; pattern?: string }[],
): string[] {
  const shown = (files: readonly string[]) =>
    files.length <= 4 ? files.join(', ') : `${files.slice(0, 3).join(', ')}, … ${files[files.length - 1]}`;
  return [
    `Kết quả trong ${out}:`,
    ...groups
      .filter((g) => g.files.length > 0)
      .map(
        (g) =>
          `      ${g.files.length > 1 ? `${formatNumberVi(g.files.length)} ` : ''}${g.label}: ${g.pattern ?? shown(g.files)}`,
      ),
  ];
}

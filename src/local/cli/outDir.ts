/**
 * Where the CLI writes. No command writes over a file it read or deletes a file it did not create in
 * that run: outputs go to names that do not exist yet (`freshPath`, `NewFile`), a demo run into a
 * folder that already holds files goes to a new folder beside it, and a folder that cannot be made is
 * refused at once in Vietnamese (Node's own recursive mkdir spins for ever on some paths, /proc/nope
 * among them). Every workbook is written under a temporary name beside its own and named only once
 * complete, so a run cut short never leaves a half-written file, least of all a register.
 */
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  type Stats,
  statSync,
  unlinkSync,
} from 'node:fs';
import { basename, dirname, extname, join, parse, resolve } from 'node:path';
import { UsageError } from './usage';

/** Why a file or folder could not be written, in Vietnamese. */
export function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM'
    ? 'không có quyền ghi'
    : code === 'ENOTDIR' || code === 'EEXIST'
      ? 'một phần của đường dẫn là tệp, không phải thư mục'
      : code === 'EROFS'
        ? 'ổ đĩa chỉ đọc'
        : code === 'ENOENT'
          ? 'không tạo được thư mục ở đó'
          : code === 'EISDIR'
            ? 'đó là một thư mục'
            : code === 'ENOSPC'
              ? 'ổ đĩa đã đầy'
              : `lỗi hệ thống ${code ?? ''}`.trim();
}

/** The folders this run made, deepest last: taken away again, when still empty, if the run fails. */
const madeThisRun: string[] = [];

/** Makes `dir` and its missing parents one level at a time. */
function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    mkdirSync(d);
    madeThisRun.push(d);
  }
}

/** A new run in the same process (the tests run the CLI in-process): earlier runs' folders are theirs. */
export function forgetFoldersMadeBefore(): void {
  madeThisRun.length = 0;
}

/** After a failed run: the folders it made and left empty are removed (never one that holds anything). */
export function removeEmptyFoldersMadeThisRun(): void {
  for (const dir of madeThisRun.splice(0).reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      // Not empty (or gone): it stays as it is.
    }
  }
}

/**
 * The output directory: created if missing, refused (exit code 2) when it cannot hold the files.
 * With `fresh`, a folder that already holds files is left alone and the next free `DIR-2`, `DIR-3`…
 * is used instead.
 */
export function prepareOutDir(dir: string, given: boolean, options: { fresh?: boolean } = {}): string {
  let out = resolve(dir);
  const option = given ? `--out ${dir}` : `thư mục mặc định ${dir}`;
  if (options.fresh) {
    for (let n = 2; existsSync(out) && statSync(out).isDirectory() && readdirSync(out).length > 0; n += 1) {
      out = `${resolve(dir)}-${n}`;
    }
  }
  if (existsSync(out) && !statSync(out).isDirectory()) {
    throw new UsageError(`${option}: “${out}” đã có và là một tệp, không phải thư mục. Hãy chọn một thư mục.`);
  }
  try {
    makeDirectory(out);
    accessSync(out, constants.W_OK);
  } catch (e) {
    throw new UsageError(`${option}: không tạo được thư mục “${out}” (${reason(e)}).`);
  }
  return out;
}

/** `dir/name.ext`, or `dir/name (2).ext`, `(3)`… when that name is taken: never an existing file. */
export function freshPath(dir: string, name: string): string {
  const { name: stem, ext } = parse(name);
  let path = join(dir, name);
  // A dangling link is a taken name too: nothing is ever written through one.
  for (let n = 2; taken(path); n += 1) path = join(dir, `${stem} (${n})${ext || extname(name)}`);
  return path;
}

/** Whether anything, a dangling link included, has that name. */
function taken(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * `path` with its folder's links and `..` resolved (the name itself kept), or as given when the folder
 * is not there. The system's own realpath: `..` after a link (/proc/self/cwd/..) climbs from where the
 * link leads, which a resolution by text alone gets wrong.
 */
function realFolderPath(path: string): string {
  try {
    return join(realpathSync.native(dirname(path)), basename(path));
  } catch {
    return resolve(path);
  }
}

/**
 * The input that `path` names, whatever way it is spelled: through a linked folder or
 * /proc/self/cwd, as a link to it, or as a hard link (the same device and inode).
 */
function inputNamedBy(path: string, inputs: readonly string[]): string | undefined {
  const target = statOrUndefined(path);
  const real = realFolderPath(path);
  return inputs.find((input) => {
    if (realFolderPath(input) === real) return true;
    const s = target && statOrUndefined(input);
    return s !== undefined && target !== undefined && s.dev === target.dev && s.ino === target.ino;
  });
}

/** A free temporary name beside `path`, made as an empty file of ours (never a link someone left there). */
function makeTemp(path: string): string {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  closeSync(openSync(temp, 'wx'));
  return temp;
}

/**
 * A new file: refused at once (exit code 2) when its name is taken, even by a link, or its folder
 * cannot take a file, so a run fails before its work and not after; written under a temporary name
 * and then given its name, never replacing anything that came to hold that name meanwhile.
 */
export class NewFile {
  private constructor(
    readonly path: string,
    private readonly label: string,
  ) {}

  /** `label` starts each message (`--out`); `inputs` are the files the run reads, never written. */
  static reserve(path: string, label: string, inputs: readonly string[]): NewFile {
    const input = inputNamedBy(path, inputs);
    if (input !== undefined) {
      throw new UsageError(`${label} “${path}” là một trong các tệp đang đọc (${input}): chọn tên tệp khác để không ghi đè.`);
    }
    if (taken(path)) throw new UsageError(`${label} “${path}”: tệp đã có; chọn tên tệp khác hoặc xóa tệp đó trước.`);
    try {
      unlinkSync(makeTemp(path));
    } catch (e) {
      const why =
        (e as NodeJS.ErrnoException).code !== 'ENOENT'
          ? reason(e)
          : existsSync(dirname(path))
            ? 'không tạo được tệp ở đó'
            : `không có thư mục “${dirname(path)}”`;
      throw new UsageError(`${label} “${path}”: không ghi được tệp (${why}).`);
    }
    return new NewFile(path, label);
  }

  /** Writes it with `write(temp)`, then names it; nothing is left behind when either fails. */
  /** `unless`: given the written content, whether it is already there (then it is not named: false). */
  async write(write: (temp: string) => Promise<void>, unless?: (temp: string) => Promise<boolean>): Promise<boolean> {
    let temp: string | undefined;
    try {
      temp = makeTemp(this.path);
      await write(temp);
      if (unless && (await unless(temp))) return false;
      try {
        // A hard link is refused when the name is taken: never over another file, nor through a link.
        linkSync(temp, this.path);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST')
          throw new UsageError(`${this.label} “${this.path}”: tệp đã có; chọn tên tệp khác hoặc xóa tệp đó trước.`);
        // A file system without hard links (FAT, some network shares): the name was checked free.
        if (taken(this.path))
          throw new UsageError(`${this.label} “${this.path}”: tệp đã có; chọn tên tệp khác hoặc xóa tệp đó trước.`);
        renameSync(temp, this.path);
      }
      return true;
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`${this.label} “${this.path}”: không ghi được tệp (${reason(e)}).`);
    } finally {
      if (temp !== undefined) rmSync(temp, { force: true });
    }
  }
}

/**
 * A file updated in place when asked (`warn --in-place`): its real file (a link is followed to the
 * register it names), refused at once when read-only or its folder cannot take a file; the new content
 * replaces it in one rename, with its permissions, once complete.
 */
export class ReplacedFile {
  private constructor(
    readonly path: string,
    private readonly mode: number,
    private readonly label: string,
  ) {}

  static reserve(file: string, label: string): ReplacedFile {
    const path = realpathSync(file);
    const mode = statSync(path).mode & 0o7777;
    // A file marked read-only is kept so even for the superuser, whom access() lets write anything.
    let readOnly = (mode & 0o222) === 0;
    try {
      accessSync(path, constants.W_OK);
    } catch {
      readOnly = true;
    }
    if (readOnly)
      throw new UsageError(`${label} “${file}” chỉ đọc: không cập nhật tại chỗ được; bỏ --in-place để ghi ra tệp mới.`);
    try {
      unlinkSync(makeTemp(path));
    } catch (e) {
      throw new UsageError(
        `${label} “${file}”: không ghi được vào thư mục của tệp (${reason(e)}); bỏ --in-place để ghi ra tệp mới.`,
      );
    }
    return new ReplacedFile(path, mode, label);
  }

  async write(write: (temp: string) => Promise<void>): Promise<void> {
    let temp: string | undefined;
    try {
      temp = makeTemp(this.path);
      await write(temp);
      chmodSync(temp, this.mode);
      renameSync(temp, this.path);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`${this.label} “${this.path}”: không ghi được tệp (${reason(e)}).`);
    } finally {
      if (temp !== undefined) rmSync(temp, { force: true });
    }
  }
}

/**
 * Where the CLI writes. No command writes over a file it read or deletes a file it did not create in
 * that run: outputs go to names that do not exist yet (`freshPath`), a demo run into a folder that
 * already holds files goes to a new folder beside it, and a folder that cannot be made is refused at
 * once in Vietnamese (Node's own recursive mkdir spins for ever on some paths, /proc/nope among them).
 */
import { accessSync, constants, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, parse, resolve } from 'node:path';
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

/** Makes `dir` and its missing parents one level at a time. */
function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) mkdirSync(d);
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
  for (let n = 2; existsSync(path); n += 1) path = join(dir, `${stem} (${n})${ext || extname(name)}`);
  return path;
}

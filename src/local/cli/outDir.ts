/** An output directory for the CLI's files. */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './usage';

/** The output directory: created if missing, refused (exit code 2) when it cannot hold the files. */
export function prepareOutDir(dir: string, given: boolean): string {
  const out = resolve(dir);
  const option = given ? `--out ${dir}` : `thư mục mặc định ${dir}`;
  if (existsSync(out) && !statSync(out).isDirectory()) {
    throw new UsageError(`${option}: “${out}” đã có và là một tệp, không phải thư mục. Hãy chọn một thư mục.`);
  }
  try {
    mkdirSync(out, { recursive: true });
    accessSync(out, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'không có quyền ghi'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'một phần của đường dẫn là tệp, không phải thư mục'
          : code === 'EROFS'
            ? 'ổ đĩa chỉ đọc'
            : `lỗi hệ thống ${code ?? ''}`.trim();
    throw new UsageError(`${option}: không tạo được thư mục “${out}” (${why}).`);
  }
  return out;
}

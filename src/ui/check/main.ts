/**
 * The `Kiểm tra dữ liệu` dialog: the findings of the consistency check, one line each (where, code,
 * what is wrong, what to do), and the certain repairs behind a confirmation. Text goes in with
 * textContent only.
 */
import { describeFinding, findingPlace } from '../../core/consistencyText';
import { byId, el } from '../shared/dom';
import { call } from '../shared/rpc';

const status = byId('status');
let token = '';

function show(text: string, kind: 'ok' | 'fail' | 'busy'): void {
  status.textContent = text;
  status.className = `banner ${kind === 'busy' ? '' : kind}`;
}

function run(prefix = ''): void {
  show(`${prefix}Đang kiểm tra sổ và Nhật ký xử lý…`, 'busy');
  call('checkData').then((answer) => {
    token = answer.token;
    const n = answer.total;
    show(
      `${prefix}Đã kiểm tra ${answer.rows} dòng hồ sơ và ${answer.events} dòng nhật ký: ` +
        (n === 0 ? 'không thấy vấn đề nào.' : `${n} vấn đề, ${answer.repairs} có thể sửa tự động. Bảng tính chưa bị thay đổi.`),
      n === 0 ? 'ok' : 'fail',
    );
    byId('rows').replaceChildren(
      ...answer.findings.map((f) => {
        const text = describeFinding(f);
        return el(
          'tr',
          {},
          el('td', { className: 'place', text: findingPlace(f) }),
          el('td', { text: f.code }),
          el('td', { text: text.problem }),
          el('td', { text: text.todo }),
        );
      }),
    );
    byId('findings').hidden = n === 0;
    const more = n - answer.findings.length;
    byId('more').hidden = more <= 0;
    byId('more').textContent = `… và ${more} vấn đề khác: xử lý các vấn đề trên rồi chạy lại Một cửa › Kiểm tra dữ liệu.`;
    byId('repair').hidden = answer.repairs === 0;
    byId('confirm').hidden = true;
    byId('offer').textContent = `Sửa các lỗi chắc chắn (${answer.repairs})…`;
    byId('confirmText').textContent =
      `Sẽ sửa ${answer.repairs} vấn đề ghi “Có thể sửa tự động” (hạn trả tính lại theo thủ tục, bước ghi dở theo nhật ký); ` +
      'mỗi lần sửa được ghi vào Nhật ký xử lý. Các vấn đề khác cần người kiểm tra và sửa tay.';
  }, fail);
}

function fail(error: Error): void {
  show(error.message, 'fail');
}

byId('offer').addEventListener('click', () => {
  byId('confirm').hidden = false;
});
byId('cancel').addEventListener('click', () => {
  byId('confirm').hidden = true;
});
byId('apply').addEventListener('click', () => {
  byId('repair').hidden = true;
  show('Đang sửa…', 'busy');
  call('repairData', token).then(
    (answer) =>
      run(
        answer.ok
          ? `Đã sửa ${answer.repaired} vấn đề (ghi trong Nhật ký xử lý). `
          : 'Sổ đã thay đổi từ lúc kiểm tra nên chưa sửa gì; đây là kết quả kiểm tra mới. ',
      ),
    fail,
  );
});

run();

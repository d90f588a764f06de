/**
 * An export in the provincial systems' column style (`MaHoSo;TenThuTuc;...;TenTrangThaiHoSo`), made
 * from records: the sample in docs/, the bench's 100,000 rows and the tests' exports with known
 * differences. No applicant's data: provincial exports list dossiers, and these are generated.
 */
import type { CivilDate } from '../../core/civil';
import type { DossierStatus } from '../../core/dossier';
import { NATIONAL_STATUS_CODES } from '../../core/provincialExport';

export interface SampleDossier {
  readonly code: string;
  readonly procedureName: string;
  readonly receivedAt: string;
  readonly status: DossierStatus;
  readonly appointment?: CivilDate | undefined;
  readonly resultAt?: CivilDate | undefined;
  readonly returnedAt?: CivilDate | undefined;
  readonly channel?: string | undefined;
}

const SAMPLE_HEADER = [
  'STT',
  'MaHoSo',
  'TenThuTuc',
  'NgayTiepNhan',
  'NgayHenTra',
  'NgayCoKetQua',
  'NgayTra',
  'TenTrangThaiHoSo',
  'HinhThucNop',
];

/** The national name of a status where one exists (code 2, 4, 5, 8, 9, 10), else MotCua's. */
function nationalName(status: DossierStatus): string {
  const preferred: Partial<Record<DossierStatus, number>> = {
    'Đã tiếp nhận': 2,
    'Đang giải quyết': 4,
    'Chờ bổ sung': 5,
    'Dừng giải quyết': 8,
    'Đã có kết quả': 9,
    'Đã trả kết quả': 10,
  };
  const code = preferred[status];
  return code === undefined ? status : (NATIONAL_STATUS_CODES[code]?.name ?? status);
}

const dmy = (d: CivilDate | undefined, time = '') => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}${time}` : '');

/** `;`-separated UTF-8 with BOM and CRLF, as Excel in a Vietnamese locale saves it. */
export function sampleExportCsv(dossiers: readonly SampleDossier[]): string {
  const quote = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [SAMPLE_HEADER.join(';')];
  dossiers.forEach((d, i) => {
    const received =
      d.receivedAt.length > 10 ? `${dmy(d.receivedAt.slice(0, 10))} ${d.receivedAt.slice(11, 16)}` : dmy(d.receivedAt);
    lines.push(
      [
        String(i + 1),
        d.code,
        d.procedureName,
        received,
        dmy(d.appointment, ' 17:00'),
        dmy(d.resultAt),
        dmy(d.returnedAt),
        nationalName(d.status),
        d.channel ?? 'Trực tiếp',
      ]
        .map(quote)
        .join(';'),
    );
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** RFC 822 messages for the local MailApp outbox (UTF-8, base64 bodies, RFC 2047 subjects). */
import type { MailMessage } from '../../gas/services';

export interface SentMail {
  readonly from: string;
  readonly to: string[];
  readonly cc: string[];
  readonly bcc: string[];
  readonly subject: string;
  readonly body: string;
  readonly htmlBody?: string;
  readonly sentAt: Date;
  readonly rfc822: string;
}

export function splitAddresses(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}

/**
 * A header value: as is when printable ASCII, else RFC 2047 encoded-words of at most 75 characters
 * (whole characters, 39 bytes each at most), folded one to a line (RFC 5322 lines stay under 78).
 */
function encodeWord(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch, 'utf8') > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

function base64Lines(text: string): string {
  return (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
}

export function toRfc822(message: MailMessage, from: string, sentAt: Date, boundarySeed: number): string {
  const headers = [
    `From: ${message.name ? `${encodeWord(message.name)}\r\n <${from}>` : from}`,
    `To: ${splitAddresses(message.to).join(', ')}`,
    ...(message.cc ? [`Cc: ${splitAddresses(message.cc).join(', ')}`] : []),
    ...(message.replyTo ? [`Reply-To: ${message.replyTo}`] : []),
    `Subject: ${encodeWord(message.subject)}`,
    `Date: ${sentAt.toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
  ];
  const textPart = [
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(message.body),
  ];
  if (!message.htmlBody) return [...headers, ...textPart, ''].join('\r\n');
  const boundary = `motcua-${boundarySeed.toString(36)}`;
  return [
    ...headers,
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    ...textPart,
    `--${boundary}`,
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(message.htmlBody),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

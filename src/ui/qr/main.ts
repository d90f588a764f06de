/** Draws each `[data-qr]` element's text as a QR code (SVG), once the printed form is loaded. */
import qrcode from 'qrcode-generator';

function draw(): void {
  for (const element of Array.from(document.querySelectorAll<HTMLElement>('[data-qr]'))) {
    const qr = qrcode(0, 'M');
    qr.addData(element.dataset.qr ?? '');
    qr.make();
    // The encoder's own SVG: only dark modules and fixed attributes, no text from the form.
    element.innerHTML = qr.createSvgTag({ cellSize: 3, margin: 2, scalable: true });
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
else draw();

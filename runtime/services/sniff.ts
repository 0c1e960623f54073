/**
 * The media type of a file from its first bytes (its "magic number"), for the types a program may accept for a
 * document. The name and the type the browser claims are never trusted.
 */

const SIGNATURES: { type: string; label: string; test: (b: Buffer) => boolean }[] = [
  { type: 'application/pdf', label: 'PDF', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'image/png', label: 'PNG', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', label: 'JPEG', test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', label: 'GIF', test: (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')) },
  {
    type: 'image/webp',
    label: 'WebP',
    test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  {
    type: 'image/tiff',
    label: 'TIFF',
    test: (b) => b.subarray(0, 4).equals(Buffer.from([0x49, 0x49, 0x2a, 0x00])) || b.subarray(0, 4).equals(Buffer.from([0x4d, 0x4d, 0x00, 0x2a])),
  },
  // Recognised only to name them in the refusal.
  { type: 'application/zip', label: 'ZIP (or Office document)', test: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) },
  { type: 'application/x-msdownload', label: 'Windows program', test: (b) => b.subarray(0, 2).toString('latin1') === 'MZ' },
  { type: 'text/html', label: 'HTML', test: (b) => /^\s*<(!doctype html|html|script)/i.test(b.subarray(0, 64).toString('latin1')) },
];

/** The recognised type and a label for people, or null when the content matches none of the known signatures. */
export function sniffMediaType(content: Buffer): { type: string; label: string } | null {
  const found = SIGNATURES.find((s) => s.test(content));
  return found ? { type: found.type, label: found.label } : null;
}

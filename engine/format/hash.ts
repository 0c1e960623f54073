/**
 * Content hashes of program documents.
 *
 * A program version is identified by the SHA-256 of its canonical JSON (RFC 8785: keys sorted, no whitespace), so
 * two documents that differ only in key order or formatting hash the same. Pure JavaScript (`@noble/hashes`,
 * `canonicalize`) so the engine runs unchanged in the browser.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import canonicalize from 'canonicalize';

/** The canonical JSON text of `doc` (RFC 8785): the exact bytes that `contentHash` hashes. */
export function canonicalJson(doc: unknown): string {
  const text = canonicalize(doc);
  if (text === undefined) throw new TypeError('contentHash: the document is not JSON (undefined or a function).');
  return text;
}

/** The lowercase hex SHA-256 of the canonical JSON of `doc`; stable across key order and formatting. */
export function contentHash(doc: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(doc))));
}

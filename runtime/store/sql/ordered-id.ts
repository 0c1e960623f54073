/**
 * Time-ordered ids for the rows that SQL stores write in bulk (a re-determination chunk's determinations, notices and
 * emails), the same on every dialect.
 */
import { randomBytes, randomFillSync } from 'node:crypto';

/**
 * A fresh time-ordered id (UUID version 7: 48 bits of milliseconds, then a counter and random bits). Rows written in
 * bulk with these ids land at the end of their primary key's index instead of each on a random page of it, so a
 * chunk's commit writes a few pages there, not one per row.
 */
export function orderedId(): string {
  const ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    sequence = randomBytes(2).readUInt16BE(0) & 0x7ff;
  } else if (++sequence > 0xfff) {
    // More than 2,048 ids in one millisecond: borrow the next one (ids stay ordered and unique).
    lastMs++;
    sequence = 0;
  }
  const hex = lastMs.toString(16).padStart(12, '0');
  const tail = randomHex8();
  const variant = ((Number.parseInt(tail[0], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${sequence.toString(16).padStart(3, '0')}-${variant}${tail.slice(1, 4)}-${tail.slice(4, 16)}`;
}
let lastMs = 0;
let sequence = 0;

/** Random bytes drawn ahead, 8 at a time (a bulk write makes thousands of ids; one call into OpenSSL each cost more). */
const randomPool = Buffer.alloc(8 * 512);
let poolOffset = randomPool.length;

/** 8 random bytes as 16 hex digits. */
function randomHex8(): string {
  if (poolOffset === randomPool.length) {
    randomFillSync(randomPool);
    poolOffset = 0;
  }
  poolOffset += 8;
  return randomPool.toString('hex', poolOffset - 8, poolOffset);
}

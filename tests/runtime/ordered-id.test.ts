/**
 * Time-ordered ids of bulk writes (runtime/store/sql/ordered-id.ts): UUID version 7 text, unique, and
 * in creation order even when thousands are made in one millisecond.
 */
import { describe, expect, it } from 'vitest';
import { orderedId } from '../../runtime/store/sql/ordered-id.ts';

describe('orderedId', () => {
  it('makes unique UUID version 7 ids that sort in the order they were made', () => {
    const ids = Array.from({ length: 10_000 }, () => orderedId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    // The first 48 bits are the time in milliseconds (never behind the clock by more than the ids borrowed ahead).
    const ms = Number.parseInt(ids[0].replace('-', '').slice(0, 12), 16);
    expect(Math.abs(ms - Date.now())).toBeLessThan(60_000);
  });
});

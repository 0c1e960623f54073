import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

it('example 01 evaluates a household with the shipped SNAP program and prints the outcome', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'examples/01-engine-as-library/index.ts'], { encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^Supplemental Nutrition Assistance Program \(SNAP\), version 5 \([0-9a-f]{12}\), on 2025-10-15$/);
  expect(lines[1]).toBe('Eligibility: eligible');
  expect(lines[2]).toMatch(/^Benefit: Monthly SNAP benefit: \$\d+ per month\. /);
  expect(lines).toContain('- Gross income test: pass. Your gross monthly income of $1,000 is at or below the limit of $1,696.');
});

import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { compile, formatTestReport, runTests } from '../../engine/index.ts';
import type { Diagnostic } from '../../engine/format/types.ts';
import { PROGRAMS_DIR, shippedVersions } from './load.ts';

const versions = await shippedVersions();
const show = (ds: Diagnostic[]): string => ds.map((d) => `${d.severity} ${d.code} ${d.file ?? ''}${d.filePath ?? d.path}: ${d.message}`).join('\n');

describe('shipped programs', () => {
  it('finds every program folder and version under programs/', () => {
    const found = versions.map((v) => path.relative(PROGRAMS_DIR, v.dir)).sort();
    const snap = ['fy2022', 'fy2023', 'fy2024', 'fy2025', 'fy2026'].map((f) => `us-snap/${f}`);
    const states = ['ny', 'tx', 'wa'].flatMap((s) => ['fy2025', 'fy2026'].map((f) => `us-snap-${s}/${f}`));
    expect(found).toEqual(['community-food-bank', 'emergency-rental-assistance', ...states, ...snap]);
  });

  for (const version of versions) {
    const name = path.relative(PROGRAMS_DIR, version.dir);
    describe(name, () => {
      it('validates with no errors and no warnings', () => {
        expect(show(version.diagnostics)).toBe('');
        expect(version.program).toBeDefined();
      });

      it('orders every question its form draws (RJSF refuses a ui:order that misses one and has no "*")', () => {
        const form = (version.resolved ?? version.program)?.form;
        const order = form?.uiSchema?.['ui:order'] as string[] | undefined;
        if (order && !order.includes('*')) expect(Object.keys(form?.schema.properties ?? {}).filter((q) => !order.includes(q))).toEqual([]);
      });

      it('compiles, offers English and Spanish, and passes every one of its test cases', () => {
        // A state layer is compiled as the runtime publishes it: resolved on its base.
        const { compiled, diagnostics } = compile(version.resolved ?? version.doc);
        expect(show(diagnostics)).toBe('');
        expect(version.program?.languages).toEqual(['en', 'es']);
        const report = runTests(compiled!);
        expect(report.total).toBeGreaterThan(0);
        expect(report.failed, formatTestReport(report)).toBe(0);
      });
    });
  }

  it('ships at least 25 SNAP test cases across its versions', () => {
    const snap = versions.filter((v) => v.program?.id === 'us-snap');
    expect(snap.reduce((n, v) => n + (v.program?.tests?.length ?? 0), 0)).toBeGreaterThanOrEqual(25);
  });
});

/**
 * The shipped templates (studio/templates/): each is a program folder that validates with no warnings, offers
 * English and Spanish, and passes its own test cases, which include an ineligible and a needs-more-information case;
 * templates.json describes exactly the folders there, in both studio languages.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, formatTestReport, runTests, type Diagnostic } from '../../engine/index.ts';
import { checkProgramFolder } from '../../runtime/fs/program-folder.ts';
import { loadTemplates, TEMPLATES_DIR } from '../../runtime/fs/templates.ts';

const show = (ds: Diagnostic[]): string => ds.map((d) => `${d.severity} ${d.code} ${d.file ?? ''}${d.filePath ?? d.path}: ${d.message}`).join('\n');
const folders = fs
  .readdirSync(TEMPLATES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe('shipped templates', () => {
  it('ships the five kinds of program, each described in English and Spanish in templates.json', () => {
    const templates = loadTemplates();
    expect(templates.map((t) => t.name).sort()).toEqual(folders);
    expect(folders).toEqual(['cash-aid', 'fee-discount', 'food-parcel', 'one-time-grant', 'rental-help']);
    for (const t of templates) {
      for (const words of [t.title, t.description, t.gives]) {
        expect(words.en.length, t.name).toBeGreaterThan(3);
        expect(words.es.length, t.name).toBeGreaterThan(3);
        expect(words.es).not.toBe(words.en);
      }
      expect(t.doc.id, 'the template program is named after its folder').toBe(t.name);
      expect(t.readme).toContain('## Make it yours');
    }
  });

  for (const name of folders) {
    describe(name, () => {
      const { versions, diagnostics } = checkProgramFolder(`${TEMPLATES_DIR}/${name}`);
      it('is one version that validates with no errors and no warnings', () => {
        expect(show(diagnostics)).toBe('');
        expect(versions).toHaveLength(1);
        expect(show(versions[0].diagnostics)).toBe('');
      });

      it('offers English and Spanish and passes at least five cases, one ineligible and one needing more information', () => {
        const { compiled, program } = compile(versions[0].doc);
        expect(program?.languages).toEqual(['en', 'es']);
        const report = runTests(compiled!);
        expect(report.failed, formatTestReport(report)).toBe(0);
        expect(report.total).toBeGreaterThanOrEqual(5);
        const outcomes = (program?.tests ?? []).map((t) => t.expected.eligibility);
        expect(outcomes).toContain('eligible');
        expect(outcomes).toContain('ineligible');
        expect(outcomes).toContain('needs-more-information');
      });

      it('marks every figure that is not a cited federal one as to be replaced, in its own words', () => {
        for (const [pname, parameter] of Object.entries(versions[0].program!.parameters)) {
          const ref = parameter.reference;
          const cited = !!ref?.citation && !!ref.url;
          if (!cited) expect(`${pname}: ${ref?.title}`).toMatch(/replace with your own/);
        }
        expect(versions[0].program!.owner.name).toMatch(/replace with your own/);
      });
    });
  }
});

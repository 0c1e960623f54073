// Example 01: the engine as a library.
// Run it from the repository root:   npx tsx examples/01-engine-as-library/index.ts
//
// Loads the shipped SNAP program from disk, validates and compiles the version in force, evaluates one household
// on a date, and prints the eligibility, the benefit and the reason for each rule. Only `engine/index.ts` (the
// pure engine) and the folder loader are used; no server, no database.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, evaluate } from '../../engine/index.ts';
import { loadProgramFolder } from '../../runtime/fs/program-folder.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const asOf = '2025-10-15';

// 1. Load: the folder holds one folder per version; pick the one in force on the date.
const { versions, diagnostics: readProblems } = loadProgramFolder(path.join(root, 'programs/us-snap'));
if (readProblems.length > 0) throw new Error(readProblems.map((d) => d.message).join('\n'));
const version = versions.filter((v) => String(v.doc.effectiveFrom) <= asOf).at(-1);
if (!version) throw new Error(`No SNAP version is in force on ${asOf}.`);

// 2. Validate and compile: errors block, warnings are printed.
const { compiled, diagnostics } = compile(version.doc);
for (const d of diagnostics) console.error(`${d.severity} ${d.path} ${d.message}`);
if (!compiled) process.exit(1);

// 3. Evaluate a household: one adult earning $1,000 a month who pays $500 rent and $250 utilities.
const household = {
  members: [{ name: 'Ana', dateOfBirth: '1988-04-12', disabled: false, earnedIncome: 1000, unearnedIncome: 0 }],
  rent: 500,
  utilities: 250,
  dependentCare: 0,
  childSupportPaid: 0,
  hasMedicalCosts: false,
  assets: 800,
  receivesTanfOrSsi: false,
};
const determination = evaluate(compiled, household, { asOf });

// 4. Print what an applicant would read.
console.log(`${compiled.program.title}, version ${determination.version} (${determination.hash.slice(0, 12)}), on ${asOf}`);
console.log(`Eligibility: ${determination.eligibility}`);
for (const b of determination.benefits) console.log(`Benefit: ${b.title}: $${b.amount} per ${b.period}. ${b.explanation}`);
for (const r of determination.reasons) console.log(`- ${r.title}: ${r.outcome}. ${r.text}`);

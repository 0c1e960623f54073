/**
 * A Vite build step that ships only the CSS the pages use: after bundling, each stylesheet keeps the rules whose
 * every class name appears in the built pages (their JavaScript and HTML), the at-rules left with rules, and the
 * `@font-face` faces (family, weight, style) that a kept rule can ask for; fonts and images no kept rule refers to
 * are dropped from the build. USWDS ships one 550 kB stylesheet with every component and utility; the pages use a
 * small part of it.
 *
 * A class name is "used" when it appears as a word of the built code (`usa-button`, `tablet:grid-col-6`), or starts
 * with a word the code ends in a hyphen (a name the code completes at run time, `usa-alert--${type}`). A selector
 * with no class (`body`, `[hidden]`, `:root`) is always kept. Set `MANDATE_WEB_FULL_CSS=1` to build with the whole
 * stylesheet (the page-weight benchmark measures both).
 */
import postcss, { type AtRule, type Root, type Rule } from 'postcss';
import type { Plugin } from 'vite';

/** The class names a selector requires, unescaped (`.tablet\:grid-col` → `tablet:grid-col`). */
function classesOf(selector: string): string[] {
  // Classes inside :not(...) need not be present for the selector to match.
  const plain = selector.replace(/:not\((?:[^()]|\([^()]*\))*\)/g, '');
  return [...plain.matchAll(/\.((?:\\.|[\w-])+)/g)].map((m) => m[1].replace(/\\(.)/g, '$1'));
}

/** The words of the built code that may be class names, and the prefixes (words ending in a hyphen). */
function wordsOf(code: string): { words: Set<string>; prefixes: string[] } {
  const words = new Set(code.match(/[\w:/.-]+/g) ?? []);
  // A word may carry neighbouring punctuation ("usa-button.", "x:usa-tag"): keep its parts too.
  for (const word of [...words]) for (const part of word.split(/[.:/]/)) words.add(part);
  const prefixes = [...words].filter((w) => /^[a-z][\w:-]*-$/.test(w) && w.length > 3);
  return { words, prefixes };
}

const WEIGHTS: Record<string, number> = { normal: 400, bold: 700, lighter: 300, bolder: 700 };

/** Removes from `root` the rules no used class can match, empty at-rules, and unused font faces. */
export function purge(root: Root, used: { words: Set<string>; prefixes: string[] }): void {
  const isUsed = (name: string) => used.words.has(name) || used.prefixes.some((p) => name.startsWith(p));
  root.walkRules((rule: Rule) => {
    if (rule.parent?.type === 'atrule' && /keyframes$/i.test((rule.parent as AtRule).name)) return;
    const kept = rule.selectors.filter((selector) => classesOf(selector).every(isUsed));
    if (kept.length === 0) rule.remove();
    else if (kept.length < rule.selectors.length) rule.selectors = kept;
  });
  // At-rules left empty (media queries whose rules all went).
  let removed = true;
  while (removed) {
    removed = false;
    root.walkAtRules((at) => {
      if (at.nodes && at.nodes.length === 0) {
        at.remove();
        removed = true;
      }
    });
  }
  // The faces a kept rule can ask for: each family named in a font-family, at each weight and style declared.
  const families = new Set<string>();
  const weights = new Set<number>([400, 700]); // the defaults of text and of headings, strong and b
  let italic = false;
  root.walkDecls((decl) => {
    if (decl.parent?.type === 'atrule' && (decl.parent as AtRule).name === 'font-face') return;
    if (decl.prop === 'font-family' || decl.prop === 'font')
      for (const name of decl.value.split(','))
        families.add(
          name
            .trim()
            .replace(/^["']|["']$/g, '')
            .toLowerCase(),
        );
    if (decl.prop === 'font-weight') weights.add(WEIGHTS[decl.value] ?? Number(decl.value));
    if ((decl.prop === 'font-style' || decl.prop === 'font') && /italic/.test(decl.value)) italic = true;
  });
  italic ||= used.words.has('em') || used.words.has('i'); // the browser's own italics
  root.walkAtRules('font-face', (face) => {
    let family = '';
    let weight = 400;
    let style = 'normal';
    face.walkDecls((d) => {
      if (d.prop === 'font-family') family = d.value.replace(/^["']|["']$/g, '').toLowerCase();
      if (d.prop === 'font-weight') weight = WEIGHTS[d.value] ?? Number(d.value);
      if (d.prop === 'font-style') style = d.value;
    });
    if (!families.has(family) || !weights.has(weight) || (style === 'italic' && !italic)) face.remove();
  });
}

/** The Vite plugin (build only). */
export function purgeUnusedCss(): Plugin {
  return {
    name: 'mandate:purge-unused-css',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      if (process.env.MANDATE_WEB_FULL_CSS === '1') return;
      const code = Object.values(bundle)
        .map((item) => (item.type === 'chunk' ? item.code : item.fileName.endsWith('.html') ? String(item.source) : ''))
        .join('\n');
      const used = wordsOf(code);
      const sheets = Object.values(bundle).filter((item) => item.type === 'asset' && item.fileName.endsWith('.css'));
      for (const sheet of sheets) {
        if (sheet.type !== 'asset') continue;
        const root = postcss.parse(String(sheet.source));
        purge(root, used);
        sheet.source = root.toString();
      }
      // Fonts and images that no stylesheet and no page names any more.
      const names = sheets.map((s) => (s.type === 'asset' ? String(s.source) : '')).join('\n') + code;
      for (const [key, item] of Object.entries(bundle)) {
        if (item.type !== 'asset' || !/\.(woff2?|ttf|otf|eot|png|jpe?g|gif|svg)$/.test(item.fileName)) continue;
        const base = item.fileName.split('/').pop()!;
        if (!names.includes(base)) delete bundle[key];
      }
    },
  };
}

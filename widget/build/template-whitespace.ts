/**
 * Build-time whitespace trimming inside Lit's `css` and `html` tagged templates, which Terser leaves as they
 * are written (indentation and all). Only the literal text between `${…}` is touched, found through the
 * TypeScript parser (not a regular expression, so nested templates and backticks in code are no problem):
 *
 * - `css`: comments dropped, whitespace runs collapsed to one space, none around `{`, `}`, `;` or after `:` and `,`
 *   (a space *before* `:` is kept, it is a descendant combinator in `.a :hover`);
 * - `html`: a whitespace run that contains a line break becomes one line break, which renders the same
 *   (no template text sits in a `white-space: pre` box).
 */
import ts from 'typescript';
import type { Plugin } from 'vite';

export function minifyCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};])\s*/g, '$1')
    .replace(/([:,])\s+/g, '$1')
    .replace(/;}/g, '}');
}

export function collapseHtml(text: string): string {
  return text.replace(/\s*\n\s*/g, '\n');
}

/** The literal text pieces of a template: [start, end) offsets without the backtick, `${` and `}` delimiters. */
function literalRanges(template: ts.TemplateLiteral, source: ts.SourceFile): [number, number][] {
  if (ts.isNoSubstitutionTemplateLiteral(template))
    return [[template.getStart(source) + 1, template.end - 1]];
  const ranges: [number, number][] = [[template.head.getStart(source) + 1, template.head.end - 2]];
  for (const span of template.templateSpans) {
    const literal = span.literal;
    const closing = ts.isTemplateTail(literal) ? 1 : 2;
    ranges.push([literal.getStart(source) + 1, literal.end - closing]);
  }
  return ranges;
}

/** The source with `css` and `html` template text trimmed; unchanged when it has neither. */
export function trimTemplates(code: string, fileName: string): string {
  if (!/\b(css|html)`/.test(code)) return code;
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag)) {
      const trim = node.tag.text === 'css' ? minifyCss : node.tag.text === 'html' ? collapseHtml : null;
      if (trim) {
        for (const [start, end] of literalRanges(node.template, source)) {
          edits.push({ start, end, text: trim(code.slice(start, end)) });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

/** Vite plugin for the one-file bundle: trims the widget's templates before they are compiled. */
export function templateWhitespacePlugin(): Plugin {
  return {
    name: 'voice-interview-template-whitespace',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/widget\/src\/.*\.ts$/.test(id)) return null;
      const trimmed = trimTemplates(code, id);
      return trimmed === code ? null : { code: trimmed, map: null };
    },
  };
}

// Placeholders that stand for code left out ("// ... rest of the code unchanged", "# existing code here"): written
// into a file they would replace the real code with a comment, so new_text and write_file content carrying one are
// refused unless the file itself already contains that line.
import { splitLines } from './textLines';

const ELLIPSIS = String.raw`(?:\.{3,}|…)`;
const BARE = new RegExp(String.raw`^(?:${ELLIPSIS}|\[\s*${ELLIPSIS}\s*\]|\(\s*${ELLIPSIS}\s*\)|\{\s*${ELLIPSIS}\s*\})$`);
/** A whole-line comment in the common syntaxes; group 1 is its text. */
const COMMENT = /^(?:\/\/+|#+|\/\*+|\{\s*\/\*+|<!--|--|;+|%+|\*+)\s*(.*?)\s*(?:\*+\/\s*\}?|-->)?\s*$/;
const INLINE_BLOCK = new RegExp(String.raw`(?:\/\*|<!--)\s*${ELLIPSIS}\s*(?:\*\/|-->)`);
/** An ellipsis that starts prose ("... rest"), not a spread or a continued word ("...args", "...but"). */
const LEADING_ELLIPSIS = new RegExp(String.raw`^${ELLIPSIS}(?![\w$({\[])`);
const NOUN = String.raw`(?:code|file|function|functions|method|methods|class|classes|implementation|component|components|module|body|logic|content|contents|imports|tests|cases|fields|properties|props|styles|rules|config|configuration|definitions|handlers|routes|lines|page|section|sections|template|markup|document|jsx|html|query|queries|elements|items|entries|statements|steps|jobs|keys|values|options|settings|columns|rows|children|stuff|things)`;
const TAIL = String.raw`(?:here|goes here|below|above|remains?|stays?|unchanged|as is|as before|the same|${ELLIPSIS})`;
/** Phrases that make up (nearly) the whole comment: a placeholder says little else. */
const OPEN = String.raw`^(?:${ELLIPSIS}\s*)?[([]?\s*`;
const CLOSE = String.raw`\s*[)\]]?\s*[.:;]?\s*(?:${ELLIPSIS})?\s*$`;
const PHRASES: readonly RegExp[] = [
  new RegExp(String.raw`${OPEN}(?:(?:the|and|with|plus|keep)\s+)?(?:rest|remainder) of (?:the |this |your )?${NOUN}(?:\s+(?:is |are )?${TAIL})*${CLOSE}`, 'i'),
  new RegExp(String.raw`${OPEN}(?:the |your )?(?:existing|previous|original|remaining|unchanged|other) ${NOUN}(?:\s+${TAIL})*${CLOSE}`, 'i'),
  new RegExp(String.raw`${OPEN}(?:the |all |other |existing |remaining )?${NOUN} (?:remains?|stays?|is|are|left|kept) (?:unchanged|the same|as (?:is|before|it was))${CLOSE}`, 'i'),
  new RegExp(String.raw`${OPEN}(?:everything|all) else\b.*\b(?:unchanged|the same|as before)${CLOSE}`, 'i'),
  new RegExp(String.raw`${OPEN}(?:the )?same as (?:before|above|original|previous|earlier)${CLOSE}`, 'i'),
  new RegExp(String.raw`^(?:${ELLIPSIS}\s*)?(?:\(\s*unchanged\s*\)|(?:the |all )?${NOUN} (?:unchanged|as before|as is))${CLOSE}`, 'i'),
  new RegExp(String.raw`${OPEN}(?:(?:${NOUN}|details?)\s+(?:omitted|elided|truncated|skipped)(?:\s+for brevity)?|(?:omitted|elided|truncated|skipped) for brevity)${CLOSE}`, 'i'),
  new RegExp(String.raw`${OPEN}(?:your |the )?${NOUN}\s+(?:goes here|here)${CLOSE}`, 'i'),
  new RegExp(String.raw`${OPEN}keep(?:s|ing)? (?:the )?(?:existing|rest|remaining|original|other)\b(?:\s+${NOUN})?(?:\s+${TAIL})*${CLOSE}`, 'i'),
  new RegExp(String.raw`${OPEN}(?:other|more) ${NOUN}(?:\s+${TAIL})+${CLOSE}`, 'i'),
];

function phraseOf(text: string): boolean {
  return PHRASES.some((re) => re.test(text));
}

/**
 * Whether a line is a placeholder for left-out code. `previous` is the preceding code line: a bare `...` after a line
 * ending in `:`, `,`, `(` or `[` is Python's Ellipsis (a stub body, `Tuple[int, ...]`), and after a doctest prompt
 * (`>>>`, `...`) it is a prompt; neither is a placeholder.
 */
export function isElisionLine(line: string, previous = ''): boolean {
  const t = line.trim();
  if (t === '') return false;
  if (BARE.test(t)) {
    const prev = previous.replace(/\s+#.*$/, '').trim();
    return !(/^(?:\.{3}|…)$/.test(t) && (/[:,([]$/.test(prev) || /^(?:>>>|\.\.\.)(?:\s|$)/.test(prev)));
  }
  if (INLINE_BLOCK.test(t)) {
    const rest = t.replace(INLINE_BLOCK, '').replace(/[{}();,]/g, '').trim();
    return rest === '' || phraseOf(rest) || /^(?:unchanged|same|as before|etc\.?)$/i.test(rest);
  }
  if (/^[([].*[)\]]$/.test(t)) return phraseOf(t);
  const comment = COMMENT.exec(t);
  if (!comment) return false;
  const body = (comment[1] ?? '').trim();
  return LEADING_ELLIPSIS.test(body) || phraseOf(body);
}

/** Placeholder lines of text, 1-based, skipping fenced Markdown code blocks. */
export function elisionLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let previous = '';
  let fenced = false;
  splitLines(text).forEach((line, i) => {
    if (/^\s*(?:```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced && isElisionLine(line, previous)) out.push({ line: i + 1, text: line.trim() });
    if (line.trim() !== '' && !/^\s*(?:#|\/\/)/.test(line)) previous = line;
  });
  return out;
}

/** Undefined when newText is complete; else why it is refused and what to do instead. */
export function findElision(newText: string, original?: string): string | undefined {
  const found = elisionLines(newText).filter((e) => original === undefined || !original.includes(e.text));
  const first = found[0];
  if (!first) return undefined;
  return (
    `the text contains ${JSON.stringify(first.text)} (line ${first.line}${found.length > 1 ? `, and ${found.length - 1} more like it` : ''}), ` +
    'a placeholder for code that was left out. The text is written literally, so the placeholder would end up in the file and the code it stands for would be deleted. ' +
    'Write the complete text instead. To change only part of a file, use edit_file with an old_text/new_text pair around each change, leaving the rest of the file out of the edit entirely.'
  );
}

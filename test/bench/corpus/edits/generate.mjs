// Generates cases.jsonl: edits as models really get them wrong, built from the realistic files in sources/.
// Each case states what a model sent (edit_file edits, a unified diff, or write_file content, stored as source line
// ranges and literal lines) and the expected result:
// the exact replacements that turn the original into the expected file, or "refuse". The expected results follow
// from the intended change alone; nothing here calls the edit engine. Run: node test/bench/corpus/edits/generate.mjs
//
// The categories follow failures reported in public agent issue trackers, e.g. exact-only str_replace failing on
// CRLF, trailing whitespace and indentation, with unhelpful multi-match reports (strands-agents/harness-sdk#3175);
// tabs sent as spaces in tab-indented files (anthropics/claude-code#18050, aws/amazon-q-developer-cli#3401,
// coder/xum#2732); read-output line-number prefixes that must be stripped before editing (dirge-code/dirge#7);
// omission placeholders such as "(rest of methods ...)" or "// unchanged code ..." (QwenLM/qwen-code#2575); plus
// stale context, duplicates, dropped blank lines and hand-written unified diffs with wrong hunk headers.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const SOURCES = join(HERE, 'sources');

const COMMENT = { '.ts': '//', '.tsx': '//', '.go': '//', '.rs': '//', '.java': '//', '.css': '/*', '.py': '#', '.yml': '#', '.sh': '#', '.md': '<!--' };
const INSERT = {
  '.ts': "console.debug('checkpoint');",
  '.tsx': "console.debug('checkpoint');",
  '.go': 'log.Println("checkpoint")',
  '.rs': 'eprintln!("checkpoint");',
  '.java': 'System.out.println("checkpoint");',
  '.css': 'outline: none;',
  '.py': 'log.debug("checkpoint")',
  '.yml': '# checkpoint',
  '.sh': 'log "checkpoint"',
  '.md': 'See also the FAQ.',
};

const comment = (ext, text) => (COMMENT[ext] === '/*' ? `/* ${text} */` : COMMENT[ext] === '<!--' ? `<!-- ${text} -->` : `${COMMENT[ext]} ${text}`);
const indentOf = (line) => /^[ \t]*/.exec(line)[0];
const count = (text, find) => (find === '' ? 0 : text.split(find).length - 1);

/** A plausible one-line change: bump a number, change a string, or rename an identifier. */
function modify(line, salt = 'Next') {
  if (/\d/.test(line)) return line.replace(/\d+/, (d) => String(Number(d) + (salt === 'Next' ? 1 : salt.length + 1)));
  if (/(['"])([^'"]*)\1/.test(line)) return line.replace(/(['"])([^'"]*)\1/, (_m, q, s) => `${q}${s}-${salt === 'Next' ? 'v2' : salt.toLowerCase()}${q}`);
  const id = /\b([a-z][A-Za-z0-9_]{3,})\b/.exec(line);
  if (id) return line.slice(0, id.index) + id[1] + salt + line.slice(id.index + id[1].length);
  return `${line} ${salt}`;
}

const cases = [];
let seq = 0;
function add(c) {
  seq++;
  cases.push({ id: `${String(seq).padStart(3, '0')}-${c.category}-${c.source.replace(/\W/g, '_')}`, ...c });
}

function replacement(original, find, replace, all = false) {
  const n = count(original, find);
  if (n === 0 || (!all && n !== 1)) throw new Error(`generator bug: ${JSON.stringify(find)} occurs ${n} times`);
  return { find, replace, ...(all ? { all: true } : {}) };
}

/** Windows of 5 lines around a distinctive line, with the change the model means to make there. */
function intents(text, ext) {
  const lines = text.split('\n');
  const eligible = [];
  for (let t = 2; t < lines.length - 3; t++) {
    const l = lines[t];
    if (l.trim().length < 8 || count(text, l.trim()) !== 1) continue;
    const window = lines.slice(t - 2, t + 3);
    if (window.some((w) => w.trim() === '') && window.filter((w) => w.trim() !== '').length < 4) continue;
    if (count(text, window.join('\n')) !== 1) continue;
    eligible.push(t);
  }
  const picks = [0.15, 0.5, 0.85].map((q) => eligible[Math.floor(q * (eligible.length - 1))]);
  return [...new Set(picks)].map((t, k) => {
    const start = t - 2;
    const before = lines.slice(start, t + 3);
    const target = 2;
    const kind = ['modify', 'insert', 'delete'][k % 3];
    const after = [...before];
    if (kind === 'modify') after[target] = modify(before[target]);
    else if (kind === 'insert') after.splice(target + 1, 0, indentOf(before[target]) + INSERT[ext]);
    else after.splice(target, 1);
    return { start, target, kind, before, after };
  });
}

function hunk(intent, { header, staleContext, staleRemoved, blankNoSpace, noSpace } = {}) {
  const out = [];
  const { before, target, kind } = intent;
  const ctx = (l, i) => {
    const shown = staleContext === i ? modify(l, 'Old') : l;
    if (shown === '' && blankNoSpace) return '';
    if (noSpace && shown !== '' && !/^[\s+\-@\\]/.test(shown)) return shown;
    return ` ${shown}`;
  };
  before.forEach((l, i) => {
    if (i !== target) return out.push(ctx(l, i));
    const removed = staleRemoved ? modify(l, 'Old') : l;
    if (kind === 'modify') out.push(`-${removed}`, `+${intent.after[target]}`);
    else if (kind === 'insert') out.push(ctx(l, i), `+${intent.after[target + 1]}`);
    else out.push(`-${removed}`);
  });
  const oldCount = out.filter((l) => !l.startsWith('+')).length;
  const newCount = out.filter((l) => !l.startsWith('-')).length;
  const h = header ?? `@@ -${intent.start + 1},${oldCount} +${intent.start + 1},${newCount} @@`;
  return [h, ...out].join('\n');
}

const numbered = (lines, first, width) => lines.map((l, i) => `${String(first + i).padStart(width)}→${l}`);

function perIntent(name, text, ext, intent, k) {
  const lines = text.split('\n');
  const width = String(lines.length - (text.endsWith('\n') ? 1 : 0)).length;
  const oldText = intent.before.join('\n');
  const newText = intent.after.join('\n');
  const expect = { replace: [replacement(text, oldText, newText)] };
  const base = { source: name, kind: 'edits' };
  add({ ...base, category: 'exact', why: 'control: old_text copied verbatim', edits: [{ old_text: oldText, new_text: newText }], expect });

  // The file has trailing blanks the model does not reproduce, or the model adds some.
  if (k % 2 === 0) {
    const spaced = [0, 2, 4].map((k2) => intent.start + k2).filter((i) => lines[i] !== '');
    const variant = lines.map((l, i) => (spaced.includes(i) ? `${l}   ` : l)).join('\n');
    const find = variant.split('\n').slice(intent.start, intent.start + 5).join('\n');
    add({ ...base, category: 'trailing_whitespace', why: 'the file has trailing spaces the model dropped', variant: { trailingSpaces: spaced }, edits: [{ old_text: oldText, new_text: newText }], expect: { replace: [replacement(variant, find, newText)] } });
  } else {
    add({ ...base, category: 'trailing_whitespace', why: 'the model added trailing spaces', edits: [{ old_text: intent.before.map((l) => (l ? `${l}  ` : l)).join('\n'), new_text: newText }], expect });
  }

  const indents = intent.before.filter((l) => l.trim() !== '').map(indentOf);
  const common = indents.reduce((a, b) => (b.startsWith(a) ? a : a.startsWith(b) ? b : ''), indents[0] ?? '');
  if (common.length > 0) {
    const strip = (ls) => ls.map((l) => (l.startsWith(common) ? l.slice(common.length) : l.trimStart())).join('\n');
    add({ ...base, category: 'indentation_lost', why: 'the model dropped the block-level indentation', edits: [{ old_text: strip(intent.before), new_text: strip(intent.after) }], expect });
  }
  if (ext === '.go') {
    const spaces = (ls) => ls.map((l) => l.replace(/^\t+/, (t) => '    '.repeat(t.length))).join('\n');
    add({ ...base, category: 'tabs_as_spaces', why: 'the model wrote the file\'s tabs as spaces', edits: [{ old_text: spaces(intent.before), new_text: spaces(intent.after) }], expect });
  } else {
    const deeper = (ls) => ls.map((l) => (l === '' ? l : `    ${l}`)).join('\n');
    add({ ...base, category: 'indentation_extra', why: 'the model over-indented the block', edits: [{ old_text: deeper(intent.before), new_text: deeper(intent.after) }], expect });
  }

  const crlf = text.replace(/\n/g, '\r\n');
  add({ ...base, category: 'crlf_file', why: 'a CRLF file edited with LF text', variant: { crlf: true }, edits: [{ old_text: oldText, new_text: newText }], expect: { replace: [replacement(crlf, oldText.replace(/\n/g, '\r\n'), newText.replace(/\n/g, '\r\n'))] } });

  const arrowOld = numbered(intent.before, intent.start + 1, width);
  const arrowNew = intent.after.map((l) => {
    const i = intent.before.indexOf(l);
    return i >= 0 ? arrowOld[i] : l;
  });
  add({ ...base, category: 'line_numbers_read_file', why: 'read_file prefixes copied into old_text and new_text', edits: [{ old_text: arrowOld.join('\n'), new_text: arrowNew.join('\n') }], expect });
  const style = k % 3;
  const other = intent.before.map((l, i) => (style === 0 ? `${String(intent.start + 1 + i).padStart(6)}\t${l}` : style === 1 ? `${intent.start + 1 + i}: ${l}` : `L${intent.start + 1 + i}: ${l}`));
  add({ ...base, category: 'line_numbers_other', why: ['cat -n', '"12: "', '"L12: "'][style] + ' prefixes in old_text', edits: [{ old_text: other.join('\n'), new_text: newText }], expect });

  const ctxLine = [0, 1, 3, 4].find((i) => intent.before[i].trim().length >= 6 && !(intent.kind === 'insert' && i === intent.target));
  if (ctxLine !== undefined) {
    const stale = (ls) => ls.map((l) => (l === intent.before[ctxLine] ? modify(l, 'Old') : l));
    add({ ...base, category: 'stale_context', why: 'a context line changed since the model read the file', edits: [{ old_text: stale(intent.before).join('\n'), new_text: stale(intent.after).join('\n') }], expect });
  }
  if (intent.kind !== 'insert') {
    const believed = [...intent.before];
    believed[intent.target] = modify(believed[intent.target], 'Old');
    const meant = [...intent.after];
    if (intent.kind === 'modify') meant[intent.target] = modify(believed[intent.target]);
    add({ ...base, category: 'stale_target', why: 'the line the model changes is not what the file has', edits: [{ old_text: believed.join('\n'), new_text: meant.join('\n') }], expect: 'refuse' });
  }

  const wStart = Math.max(0, intent.start - 3);
  const wide = lines.slice(wStart, intent.start + 8);
  const blank = wide.findIndex((l, i) => l.trim() === '' && i > 0 && i < wide.length - 1);
  if (blank >= 0 && count(text, wide.join('\n')) === 1) {
    const lead = intent.start - wStart;
    const wideNew = [...wide.slice(0, lead), ...intent.after, ...wide.slice(lead + 5)];
    const grow = intent.after.length - intent.before.length;
    const p = blank - lead;
    const inNew = p < 0 ? blank : p >= 5 ? blank + grow : p < intent.target ? blank : blank + grow;
    add({ ...base, category: 'dropped_blank_line', why: 'the model left out a blank line of the context', edits: [{ old_text: wide.filter((_, i) => i !== blank).join('\n'), new_text: wideNew.filter((_, i) => i !== inNew).join('\n') }], expect: { replace: [replacement(text, wide.join('\n'), wideNew.join('\n'))] } });
  }

  if (intent.start >= 2) {
    const skipped = [lines[intent.start - 2], ...intent.before];
    if (lines[intent.start - 2].trim().length >= 4 && lines[intent.start - 2] !== lines[intent.start - 1]) {
      add({ ...base, category: 'off_by_one_context', why: 'the first context line is from two lines up (one line skipped)', edits: [{ old_text: skipped.join('\n'), new_text: [lines[intent.start - 2], ...intent.after].join('\n') }], expect: { replace: [replacement(text, lines.slice(intent.start - 2, intent.start + 5).join('\n'), [lines[intent.start - 2], lines[intent.start - 1], ...intent.after].join('\n'))] } });
    }
  }

  const d = { source: name, kind: 'diff' };
  const headers = `--- a/${name}\n+++ b/${name}\n`;
  add({ ...d, category: 'diff_exact', why: 'a well-formed unified diff', patch: headers + hunk(intent), expect });
  const off = 7 + ((k * 13) % 30);
  add({ ...d, category: 'diff_wrong_numbers', why: 'hunk header line numbers and counts are wrong', patch: headers + hunk(intent, { header: `@@ -${intent.start + 1 + off},${9} +${intent.start + 1 + off},${11} @@` }), expect });
  add({ ...d, category: 'diff_no_headers', why: 'no ---/+++ lines and a bare @@', patch: hunk(intent, { header: '@@' }), expect });
  add({ ...d, category: 'diff_lost_space', why: 'context lines lost their leading space', patch: headers + hunk(intent, { blankNoSpace: true, noSpace: true }), expect });
  if (ctxLine !== undefined) add({ ...d, category: 'diff_stale_context', why: 'a context line in the hunk is out of date', patch: headers + hunk(intent, { staleContext: ctxLine }), expect });
  if (intent.kind !== 'insert') add({ ...d, category: 'diff_stale_removed', why: 'the removed line is not what the file has', patch: headers + hunk(intent, { staleRemoved: true }), expect: 'refuse' });
}

/** A block: a line opening a bracket to its closing line, or a `:` header and its indented body. */
function blocks(lines) {
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/\{\s*$/.test(l) && !/^\s*(\}|\))/.test(l)) {
      let depth = 0;
      for (let j = i; j < lines.length; j++) {
        for (const ch of lines[j].replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '')) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
        if (depth === 0) {
          if (j - i >= 7) out.push([i, j]);
          break;
        }
      }
    } else if (/:\s*$/.test(l) && /^\s*(def|class|if|for) /.test(l)) {
      const base = indentOf(l).length;
      let j = i + 1;
      while (j < lines.length && (lines[j].trim() === '' || indentOf(lines[j]).length > base)) j++;
      while (lines[j - 1].trim() === '') j--;
      if (j - 1 - i >= 7) out.push([i, j - 1]);
    }
  }
  return out;
}

function perSource(name, text, ext, all) {
  const lines = text.split('\n');
  const base = { source: name, kind: 'edits' };
  const mine = intents(text, ext);

  // Hallucinated: old_text from another file.
  const other = all.find(([n]) => n !== name && extname(n) === ext) ?? all.find(([n]) => n !== name);
  const foreign = intents(other[1], extname(other[0]))[1];
  add({ ...base, category: 'hallucinated', why: 'old_text does not exist in this file', edits: [{ old_text: foreign.before.join('\n'), new_text: foreign.after.join('\n') }], expect: 'refuse' });

  // Duplicates: a line that occurs several times.
  const counts = new Map();
  for (const l of lines) if (l.trim().length >= 3) counts.set(l, (counts.get(l) ?? 0) + 1);
  const dup = [...counts.entries()].filter(([l, c]) => c >= 2 && count(text, l) === c).sort((a, b) => b[0].trim().length - a[0].trim().length)[0];
  if (dup) {
    const changed = modify(dup[0], 'X');
    add({ ...base, category: 'duplicate', why: `old_text occurs ${dup[1]} times`, edits: [{ old_text: dup[0], new_text: changed }], expect: 'refuse' });
    add({ ...base, category: 'duplicate_replace_all', why: 'replace_all over every occurrence', edits: [{ old_text: dup[0], new_text: changed, replace_all: true }], expect: { replace: [replacement(text, dup[0], changed, true)] } });
  }

  // Elisions in old_text (pinned by the block) and in new_text (refused).
  const block = blocks(lines).sort((a, b) => Math.abs(a[1] - a[0] - 12) - Math.abs(b[1] - b[0] - 12) || a[0] - b[0])[0];
  if (block) {
    const [s, e] = block;
    const full = lines.slice(s, e + 1);
    const inner = indentOf(lines[s + 1]);
    const rewritten = full.map((l, i) => (i === Math.floor(full.length / 2) && l.trim() ? modify(l) : l));
    if (rewritten.join('\n') === full.join('\n')) rewritten.splice(1, 0, inner + INSERT[ext]);
    const elidedOld = [full[0], full[1], inner + comment(ext, '...'), full[full.length - 1]];
    if (count(text, full[0]) === 1) {
      add({ ...base, category: 'elided_old_text', why: 'old_text leaves the middle of a block out with "..."', edits: [{ old_text: elidedOld.join('\n'), new_text: rewritten.join('\n') }], expect: { replace: [replacement(text, full.join('\n'), rewritten.join('\n'))] } });
      add({ ...base, category: 'elided_old_text', why: 'old_text is a block head, a bare "..." line and the closing line', edits: [{ old_text: [full[0], `${inner}...`, full[full.length - 1]].join('\n'), new_text: rewritten.join('\n') }], expect: { replace: [replacement(text, full.join('\n'), rewritten.join('\n'))] } });
    }
    const lazy = [full[0], inner + comment(ext, '... existing code ...'), inner + INSERT[ext], full[full.length - 1]];
    add({ ...base, category: 'elided_new_text', why: 'new_text replaces code with "... existing code ..."', edits: [{ old_text: full.join('\n'), new_text: lazy.join('\n') }], expect: 'refuse' });
    add({ ...base, category: 'elided_new_text', why: 'new_text ends with "rest of the function unchanged"', edits: [{ old_text: full.slice(0, 3).join('\n'), new_text: [full[0], inner + INSERT[ext], inner + comment(ext, 'rest of the function unchanged')].join('\n') }], expect: 'refuse' });
  }

  // write_file: complete content passes, elided content is refused.
  // write_file content is stored as pieces: [from, to) line ranges of the source and literal lines.
  const m0 = mine[0];
  const completed = [[0, m0.start], ...m0.after, [m0.start + 5, lines.length]];
  add({ source: name, kind: 'write', category: 'write_complete', why: 'write_file with the complete new content', content: completed, expect: { replace: [replacement(text, m0.before.join('\n'), m0.after.join('\n'))] } });
  const cut = Math.floor(lines.length / 3);
  add({ source: name, kind: 'write', category: 'write_elided', why: 'write_file content that elides the rest of the file', content: [[0, cut], comment(ext, '... rest of the file unchanged ...'), ''], expect: 'refuse' });
  add({ source: name, kind: 'write', category: 'write_elided', why: 'write_file content with "existing code here" in the middle', content: [[0, cut], comment(ext, 'existing code here'), [2 * cut, lines.length]], expect: 'refuse' });

  // Several edits in one call.
  const [a, b] = [mine[0], mine[mine.length - 1]];
  if (a && b && a.start + 5 <= b.start) {
    add({ ...base, category: 'multi_edit', why: 'two edits applied together', edits: [a, b].map((x) => ({ old_text: x.before.join('\n'), new_text: x.after.join('\n') })), expect: { replace: [a, b].map((x) => replacement(text, x.before.join('\n'), x.after.join('\n'))) } });
    add({ ...base, category: 'multi_edit_one_bad', why: 'the second of two edits does not match: neither applies', edits: [{ old_text: a.before.join('\n'), new_text: a.after.join('\n') }, { old_text: foreign.before.join('\n'), new_text: foreign.after.join('\n') }], expect: 'refuse' });
    const overlap = lines.slice(a.start + 3, a.start + 7);
    add({ ...base, category: 'multi_edit_overlap', why: 'two edits overlap', edits: [{ old_text: a.before.join('\n'), new_text: a.after.join('\n') }, { old_text: overlap.join('\n'), new_text: overlap.map((l) => modify(l)).join('\n') }], expect: 'refuse' });
    const after = a.after.join('\n');
    if (after !== a.before.join('\n') && count(text, after) === 0) {
      add({ ...base, category: 'multi_edit_sequential', why: 'the second edit matches text the first edit creates', edits: [{ old_text: a.before.join('\n'), new_text: after }, { old_text: after, new_text: `${after}\n${indentOf(a.after[0])}${INSERT[ext]}` }], expect: 'refuse' });
    }
  }

  // A partial-line old_text (a unique fragment of a line).
  const frag = lines.map((l) => l.trim()).find((l) => l.length > 24 && count(text, l.slice(4, 20)) === 1);
  if (frag) {
    const piece = frag.slice(4, 20);
    add({ ...base, category: 'partial_line', why: 'old_text is a unique fragment of one line', edits: [{ old_text: piece, new_text: `${piece}_x` }], expect: { replace: [replacement(text, piece, `${piece}_x`)] } });
  }
  mine.forEach((intent, k) => perIntent(name, text, ext, intent, k));
}

// Sources carry a .txt suffix so that no compiler or linter of this repository picks them up.
const all = readdirSync(SOURCES)
  .sort()
  .map((n) => [n.replace(/\.txt$/, ''), readFileSync(join(SOURCES, n), 'utf8')]);
for (const [name, text] of all) perSource(name, text, extname(name), all);

// Near-duplicate handlers: stale context that fits two functions equally is ambiguous; a distinguishing line pins one.
const handlers = all.find(([n]) => n === 'handlers.ts')[1];
const teamDelete = ['  const removed = await db.teams.delete(id);', '  if (!removed) {', "    res.status(404).json({ error: 'not found' });", '    return;', '  }', "  await audit('team.deleted', { id, by: req.user?.id });"];
add({ source: 'handlers.ts', kind: 'edits', category: 'near_duplicate', why: 'context shared by two functions plus a stale line: ambiguous', edits: [{ old_text: ['  const id = Number(req.params.id);', '  if (!Number.isInteger(id)) {', "    res.status(400).json({ error: 'invalid id', code: 400 });", '    return;', '  }', '  const removed = await db.things.delete(id);'].join('\n'), new_text: ['  const id = Number(req.params.id);', '  if (!Number.isInteger(id)) {', "    res.status(400).json({ error: 'invalid id', code: 400 });", '    return;', '  }', '  const removed = await db.things.delete(id);', '  log(id);'].join('\n') }], expect: 'refuse' });
add({ source: 'handlers.ts', kind: 'edits', category: 'near_duplicate', why: 'the distinguishing line makes the near-duplicate unique', edits: [{ old_text: teamDelete.join('\n'), new_text: teamDelete.join('\n').replace("'team.deleted'", "'team.removed'") }], expect: { replace: [replacement(handlers, teamDelete.join('\n'), teamDelete.join('\n').replace("'team.deleted'", "'team.removed'"))] } });
add({ source: 'handlers.ts', kind: 'edits', category: 'duplicate', why: 'the not-found branch occurs in every handler', edits: [{ old_text: "  if (!row) {\n    res.status(404).json({ error: 'not found' });", new_text: "  if (!row) {\n    res.status(404).json({ error: 'no such record' });" }], expect: 'refuse' });

writeFileSync(join(HERE, 'cases.jsonl'), `${cases.map((c) => JSON.stringify(c)).join('\n')}\n`);
const byCategory = new Map();
for (const c of cases) byCategory.set(c.category, (byCategory.get(c.category) ?? 0) + 1);
console.log(`${cases.length} cases`, Object.fromEntries(byCategory));

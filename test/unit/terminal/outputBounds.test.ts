// boundText keeps head and tail with an honest cut line; the cleaner strips ANSI and collapses progress-bar overwrites.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { OutputCleaner, boundCaptured, boundText, cleanTerminalText, countLines, stripAnsi } from '../../../src/tools/outputBounds';

const lines = (n: number, prefix = 'line'): string => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`).join('\n') + '\n';

test('short text passes through unchanged', () => {
  assert.equal(boundText('hello\nworld\n', 1000), 'hello\nworld\n');
});

test('long text keeps head and a larger tail, cut at line ends, with counts that add up', () => {
  const text = lines(5000);
  const out = boundText(text, 2000);
  assert.ok(out.length <= 2000, `bounded: ${out.length}`);
  assert.ok(out.startsWith('line 1\nline 2\n'));
  assert.ok(out.endsWith('line 5000\n'));
  const m = /\[\.\.\. ([\d,]+) characters \/ ([\d,]+) lines cut \.\.\.\]\n/.exec(out);
  assert.ok(m, out.slice(0, 1200));
  const cutChars = Number((m[1] ?? '').replace(/,/g, ''));
  const cutLines = Number((m[2] ?? '').replace(/,/g, ''));
  const [head, tail] = out.split(m[0]);
  assert.equal((head ?? '').length + (tail ?? '').length + cutChars, text.length, 'kept + cut = whole');
  assert.equal(countLines(head ?? '') + countLines(tail ?? '') + cutLines, 5000, 'lines add up');
  assert.ok((tail ?? '').length > (head ?? '').length, 'the tail gets more room than the head');
  assert.match(head ?? '', /\n$/, 'head ends at a line end');
});

test('the hint receives the first cut line', () => {
  const out = boundText(lines(1000), 1000, (first) => `read_command_output {"id":"cmd-1","offset":${first}} shows the rest`);
  const m = /offset":(\d+)/.exec(out);
  assert.ok(m);
  const head = out.slice(0, out.indexOf('[...'));
  assert.equal(Number(m[1]), countLines(head) + 1);
});

test('one huge line without newlines is still bounded', () => {
  const out = boundText('x'.repeat(100_000), 1000, 'see more');
  assert.ok(out.length <= 1000);
  assert.match(out, /\[\.\.\. [\d,]+ characters cut; see more \.\.\.\]/);
});

test('boundCaptured counts a gap the runner already left out', () => {
  const head = lines(10, 'h');
  const tail = lines(10, 't');
  const out = boundCaptured(head + tail, { at: head.length, chars: 50_000_000, lines: 1_000_000 }, 100_000);
  assert.ok(out.includes('[... 50,000,000 characters / 1,000,000 lines cut ...]'), out);
  assert.ok(out.startsWith('h 1\n') && out.endsWith('t 10\n'));
  const small = boundCaptured(head + tail, { at: head.length, chars: 1000, lines: 10 }, 60 + 220);
  const m = /\[\.\.\. ([\d,]+) characters/.exec(small);
  assert.ok(m && Number((m[1] ?? '').replace(/,/g, '')) > 1000, 'the cut line counts the gap and what was cut now');
});

test('stripAnsi removes colours, cursor moves, OSC titles and shell-integration marks', () => {
  const raw = '\x1b[31mred\x1b[0m \x1b[1;32mbold green\x1b[m\x1b[2K\x1b[1G done \x1b]0;title\x07\x1b]633;E;npm test;abc\x07ok\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\\x1b(B\x1b=';
  assert.equal(stripAnsi(raw), 'red bold green done oklink');
  assert.equal(stripAnsi('a\x08b bell\x07'), 'b bell');
});

test('carriage-return overwrites keep the last state of a progress line; CRLF is a plain newline', () => {
  assert.equal(cleanTerminalText('Downloading 10%\rDownloading 50%\rDownloading 100%\nDone\r\n'), 'Downloading 100%\nDone\n');
  assert.equal(cleanTerminalText('progress 100%\r\nnext\n'), 'progress 100%\nnext\n');
  assert.equal(cleanTerminalText('kept\r'), 'kept');
});

test('the streaming cleaner handles escapes and CRLF split across chunks', () => {
  const c = new OutputCleaner();
  let out = '';
  for (const chunk of ['\x1b[3', '2mgreen\x1b', '[0m line\r', '\nsecond \x1b]633;', 'D;0\x07end', '\n10%\r', '100%\n']) out += c.push(chunk);
  out += c.flush();
  assert.equal(out, 'green line\nsecond end\n100%\n');
});

test('a very long line without newline is released instead of growing without bound', () => {
  const c = new OutputCleaner();
  let out = '';
  for (let i = 0; i < 100; i++) out += c.push('y'.repeat(1000));
  assert.ok(out.length >= 80_000, 'most of it was released');
  assert.ok(c.pending.length <= 16_384 + 1000);
});

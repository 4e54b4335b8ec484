import { describe, expect, it } from 'vitest';
import { MAX_DISPLAY_CHARS, escapeJsonText, escapeTerminal, escapeTerminalLines, escapeTerminalReport, hasUnsafeCharacters } from './escape-terminal.js';

describe('escapeTerminal', () => {
  it('shows a newline, carriage return and tab as escapes, so a name cannot forge a line', () => {
    expect(escapeTerminal('Ops\nerror[x]: forged')).toBe('Ops\\nerror[x]: forged');
    expect(escapeTerminal('a\rb\tc')).toBe('a\\rb\\tc');
  });

  it('shows ANSI escape sequences, DEL and C1 controls as \\x escapes', () => {
    expect(escapeTerminal('\u001b[2Kred\u007f\u009b')).toBe('\\x1b[2Kred\\x7f\\x9b');
  });

  it('shows bidi overrides, zero-width characters and line separators as \\u{} escapes', () => {
    expect(escapeTerminal('Admin\u202egnp.exe\u200b\u2028\ufeff')).toBe('Admin\\u{202e}gnp.exe\\u{200b}\\u{2028}\\u{feff}');
  });

  it('leaves ordinary text, accents and other scripts alone', () => {
    const text = 'Service Desk / Service Tickets — Café Ωmega 日本';
    expect(escapeTerminal(text)).toBe(text);
    expect(hasUnsafeCharacters(text)).toBe(false);
    expect(hasUnsafeCharacters('a\u0000b')).toBe(true);
  });

  it('bounds a huge piece to a prefix and a count of what was cut', () => {
    const out = escapeTerminal('x'.repeat(5_000_000));
    expect(out.length).toBeLessThan(MAX_DISPLAY_CHARS + 40);
    expect(out).toContain(`... (${5_000_000 - MAX_DISPLAY_CHARS} more characters)`);
  });

  it('never cuts a surrogate pair in half', () => {
    const out = escapeTerminal(`${'a'.repeat(9)}😀😀`, 10);
    expect(out.startsWith(`${'a'.repeat(9)}...`)).toBe(true);
  });

  it('keeps newlines in a block but escapes the rest', () => {
    expect(escapeTerminalLines('roles:\n  - name: a\u001b]0;pwned\u0007')).toBe('roles:\n  - name: a\\x1b]0;pwned\\x07');
  });
});

describe('escapeTerminalReport', () => {
  it('keeps newlines, tabs and colour codes, escapes every other control character', () => {
    expect(escapeTerminalReport('\u001b[31merror\u001b[0m:\tx\n')).toBe('\u001b[31merror\u001b[0m:\tx\n');
    expect(escapeTerminalReport('a\rb\u001b[2Kc\u001b]0;t\u0007')).toBe('a\\rb\\x1b[2Kc\\x1b]0;t\\x07');
  });
});

describe('escapeJsonText', () => {
  it('writes C1, bidi and separator characters as \\u escapes and keeps the same JSON value', () => {
    const value = { name: 'a\u202eb\u2028c\u0085' };
    const json = escapeJsonText(JSON.stringify(value));
    expect(json).not.toMatch(/[\u202e\u2028\u0085]/u);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('renderers escape outside text', () => {
  it('a newline in a quoted name stays on the diagnostic line', async () => {
    const { renderDiagnostics } = await import('./diagnostics.js');
    const out = renderDiagnostics([
      { severity: 'error', code: 'unknown-role', summary: "member 'x': role 'Ops\nf.yaml:1:1: error[forged]: fake' is not declared", source: { file: 'f.yaml', line: 3, column: 5 } },
    ]);
    expect(out.split('\n')).toHaveLength(2); // the diagnostic and the tally
    expect(out).toContain("role 'Ops\\nf.yaml:1:1: error[forged]: fake'");
  });
});

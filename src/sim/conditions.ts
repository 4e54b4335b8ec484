// The PSA `conditions` query language: a tokenizer, a recursive-descent parser to an AST, and an evaluator
// over plain JSON records. Pure: no HTTP, no store access. Parse errors carry the 0-based character
// position so the server can answer a 400 naming it. String comparisons are case-insensitive (the PSA
// runs on SQL Server with a case-insensitive collation; see src/sim/README.md).

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'datetime'; value: number; text: string };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'like' | 'in';

export type ConditionNode =
  | { type: 'and'; left: ConditionNode; right: ConditionNode }
  | { type: 'or'; left: ConditionNode; right: ConditionNode }
  | { type: 'not'; operand: ConditionNode }
  | { type: 'compare'; path: string[]; op: CompareOp; negated: boolean; value: Literal | Literal[]; position: number };

export class ConditionsError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
    this.name = 'ConditionsError';
  }
}

type Token =
  | { t: 'ident'; v: string; pos: number }
  | { t: 'string'; v: string; pos: number }
  | { t: 'number'; v: number; pos: number }
  | { t: 'datetime'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: '('; pos: number }
  | { t: ')'; pos: number }
  | { t: ','; pos: number }
  | { t: '/'; pos: number }
  | { t: 'eof'; pos: number };

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_.]/;

/** Splits a conditions string into tokens; throws ConditionsError at the first character it cannot read. */
export function tokenizeConditions(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    const pos = i;
    if (c === '(' || c === ')' || c === ',' || c === '/') { out.push({ t: c, pos }); i++; continue; }
    if (c === '"' || c === "'") {
      let v = '';
      i++;
      let closed = false;
      while (i < src.length) {
        const d = src[i] as string;
        if (d === '\\' && i + 1 < src.length) { v += src[i + 1]; i += 2; continue; }
        // A doubled quote inside a string stands for one quote (SQL style), as well as the backslash escape.
        if (d === c && src[i + 1] === c) { v += c; i += 2; continue; }
        if (d === c) { closed = true; i++; break; }
        v += d;
        i++;
      }
      if (!closed) throw new ConditionsError(`unterminated string starting at position ${pos}`, pos);
      out.push({ t: 'string', v, pos });
      continue;
    }
    if (c === '[') {
      const end = src.indexOf(']', i);
      if (end < 0) throw new ConditionsError(`unterminated [datetime] starting at position ${pos}`, pos);
      out.push({ t: 'datetime', v: src.slice(i + 1, end).trim(), pos });
      i = end + 1;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < src.length && /[0-9.]/.test(src[j] as string)) j++;
      const text = src.slice(i, j);
      const v = Number(text);
      if (!Number.isFinite(v)) throw new ConditionsError(`bad number '${text}' at position ${pos}`, pos);
      out.push({ t: 'number', v, pos });
      i = j;
      continue;
    }
    if (c === '!' && src[i + 1] === '=') { out.push({ t: 'op', v: '!=', pos }); i += 2; continue; }
    if (c === '<' && src[i + 1] === '>') { out.push({ t: 'op', v: '!=', pos }); i += 2; continue; }
    if (c === '<' || c === '>') {
      if (src[i + 1] === '=') { out.push({ t: 'op', v: `${c}=`, pos }); i += 2; continue; }
      out.push({ t: 'op', v: c, pos }); i++; continue;
    }
    if (c === '=') { out.push({ t: 'op', v: '=', pos }); i++; continue; }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < src.length && IDENT_PART.test(src[j] as string)) j++;
      out.push({ t: 'ident', v: src.slice(i, j), pos });
      i = j;
      continue;
    }
    throw new ConditionsError(`unexpected character '${c}' at position ${pos}`, pos);
  }
  out.push({ t: 'eof', pos: src.length });
  return out;
}

function describe(tok: Token): string {
  switch (tok.t) {
    case 'eof': return 'end of input';
    case 'ident': return `'${tok.v}'`;
    case 'string': return `string "${tok.v}"`;
    case 'number': return `number ${tok.v}`;
    case 'datetime': return `[${tok.v}]`;
    case 'op': return `'${tok.v}'`;
    default: return `'${tok.t}'`;
  }
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token { return this.toks[this.i] as Token; }
  private next(): Token { const t = this.toks[this.i] as Token; if (t.t !== 'eof') this.i++; return t; }
  private isWord(tok: Token, word: string): boolean { return tok.t === 'ident' && tok.v.toLowerCase() === word; }
  private fail(msg: string, tok: Token = this.peek()): never {
    throw new ConditionsError(`${msg} at position ${tok.pos}, found ${describe(tok)}`, tok.pos);
  }

  parse(): ConditionNode {
    if (this.peek().t === 'eof') this.fail('expected a condition');
    const node = this.parseOr();
    if (this.peek().t !== 'eof') this.fail('expected AND, OR or end of conditions');
    return node;
  }

  private parseOr(): ConditionNode {
    let left = this.parseAnd();
    while (this.isWord(this.peek(), 'or')) {
      this.next();
      left = { type: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): ConditionNode {
    let left = this.parseUnary();
    while (this.isWord(this.peek(), 'and')) {
      this.next();
      left = { type: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): ConditionNode {
    const tok = this.peek();
    if (this.isWord(tok, 'not') && this.toks[this.i + 1]?.t === '(') {
      this.next();
      return { type: 'not', operand: this.parseUnary() };
    }
    if (tok.t === '(') {
      this.next();
      const inner = this.parseOr();
      if (this.peek().t !== ')') this.fail("expected ')'");
      this.next();
      return inner;
    }
    return this.parseComparison();
  }

  private parsePath(): { path: string[]; pos: number } {
    const first = this.peek();
    if (first.t !== 'ident' || ['and', 'or', 'not'].includes(first.v.toLowerCase())) this.fail('expected a field name');
    this.next();
    const path = [first.v];
    while (this.peek().t === '/') {
      this.next();
      const seg = this.peek();
      if (seg.t !== 'ident') this.fail("expected a field name after '/'");
      this.next();
      path.push(seg.v);
    }
    return { path, pos: first.pos };
  }

  private parseComparison(): ConditionNode {
    const { path, pos } = this.parsePath();
    let negated = false;
    let tok = this.peek();
    if (this.isWord(tok, 'not')) { negated = true; this.next(); tok = this.peek(); }
    let op: CompareOp;
    if (tok.t === 'op' && !negated) op = tok.v as CompareOp;
    else if (this.isWord(tok, 'contains')) op = 'contains';
    else if (this.isWord(tok, 'like')) op = 'like';
    else if (this.isWord(tok, 'in')) op = 'in';
    else this.fail(negated ? "expected 'contains', 'like' or 'in' after 'not'" : 'expected an operator (=, !=, <, <=, >, >=, contains, like, in)');
    this.next();
    if (op === 'in') {
      if (this.peek().t !== '(') this.fail("expected '(' after 'in'");
      this.next();
      const values: Literal[] = [this.parseLiteral()];
      while (this.peek().t === ',') { this.next(); values.push(this.parseLiteral()); }
      if (this.peek().t !== ')') this.fail("expected ',' or ')' in the 'in' list");
      this.next();
      return { type: 'compare', path, op, negated, value: values, position: pos };
    }
    const value = this.parseLiteral();
    if ((op === 'contains' || op === 'like') && value.kind !== 'string') {
      throw new ConditionsError(`'${op}' needs a quoted string at position ${pos}`, pos);
    }
    return { type: 'compare', path, op, negated, value, position: pos };
  }

  private parseLiteral(): Literal {
    const tok = this.peek();
    switch (tok.t) {
      case 'string': this.next(); return { kind: 'string', value: tok.v };
      case 'number': this.next(); return { kind: 'number', value: tok.v };
      case 'datetime': {
        this.next();
        const ms = Date.parse(tok.v);
        if (Number.isNaN(ms)) throw new ConditionsError(`bad datetime [${tok.v}] at position ${tok.pos}`, tok.pos);
        return { kind: 'datetime', value: ms, text: tok.v };
      }
      case 'ident': {
        const w = tok.v.toLowerCase();
        if (w === 'true' || w === 'false') { this.next(); return { kind: 'boolean', value: w === 'true' }; }
        if (w === 'null') { this.next(); return { kind: 'null' }; }
        return this.fail('expected a value (quoted string, number, True, False, null or [datetime])');
      }
      default:
        return this.fail('expected a value (quoted string, number, True, False, null or [datetime])');
    }
  }
}

/** Parses a conditions string. Throws ConditionsError (with position) on anything it cannot read. */
export function parseConditions(src: string): ConditionNode {
  return new Parser(tokenizeConditions(src)).parse();
}

/** Every field path (as 'a/b') a condition tree mentions, with the position of each; for unknown-field checks. */
export function listConditionPaths(node: ConditionNode, out: { path: string[]; position: number }[] = []): { path: string[]; position: number }[] {
  if (node.type === 'compare') out.push({ path: node.path, position: node.position });
  else if (node.type === 'not') listConditionPaths(node.operand, out);
  else { listConditionPaths(node.left, out); listConditionPaths(node.right, out); }
  return out;
}

/** Reads a `a/b` path from a record; keys match case-insensitively as the PSA's field names do. */
export function readPath(record: unknown, path: readonly string[]): unknown {
  let cur: unknown = record;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    const obj = cur as Record<string, unknown>;
    if (seg in obj) { cur = obj[seg]; continue; }
    const lower = seg.toLowerCase();
    const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
    cur = key === undefined ? undefined : obj[key];
  }
  return cur;
}

function likeToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/[*%]/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${body}$`, 'is');
}

/** Three-way comparison of a field value with a literal; undefined when the two cannot be ordered. */
function compareValues(field: unknown, lit: Literal): number | undefined {
  if (lit.kind === 'null') return field === null || field === undefined ? 0 : undefined;
  if (field === null || field === undefined) return undefined;
  switch (lit.kind) {
    case 'number': {
      const n = typeof field === 'number' ? field : typeof field === 'string' && field.trim() !== '' ? Number(field) : NaN;
      return Number.isNaN(n) ? undefined : Math.sign(n - lit.value);
    }
    case 'boolean': {
      if (typeof field !== 'boolean') return undefined;
      return field === lit.value ? 0 : field ? 1 : -1;
    }
    case 'datetime': {
      const ms = typeof field === 'string' ? Date.parse(field) : NaN;
      return Number.isNaN(ms) ? undefined : Math.sign(ms - lit.value);
    }
    case 'string': {
      if (typeof field === 'number') {
        const n = Number(lit.value);
        if (!Number.isNaN(n) && lit.value.trim() !== '') return Math.sign(field - n);
      }
      if (typeof field === 'boolean') {
        const w = lit.value.toLowerCase();
        if (w === 'true' || w === 'false') return field === (w === 'true') ? 0 : field ? 1 : -1;
      }
      const a = (typeof field === 'string' ? field : JSON.stringify(field)).toLowerCase();
      const b = lit.value.toLowerCase();
      return a < b ? -1 : a > b ? 1 : 0;
    }
  }
}

function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function evalCompare(node: Extract<ConditionNode, { type: 'compare' }>, record: unknown): boolean {
  const field = readPath(record, node.path);
  let result: boolean;
  if (node.op === 'in') {
    result = (node.value as Literal[]).some((lit) => compareValues(field, lit) === 0);
  } else {
    const lit = node.value as Literal;
    if (node.op === 'contains' || node.op === 'like') {
      const text = asText(field);
      const pattern = (lit as { value: string }).value;
      if (text === undefined) result = false;
      else if (node.op === 'contains') result = text.toLowerCase().includes(pattern.toLowerCase());
      else result = likeToRegExp(pattern).test(text);
    } else if (node.op === '!=' ) {
      // `x != null` is true for any present value; `x != "a"` is true for a null field too (SQL would say unknown,
      // but PSA users write `!= "x"` expecting nulls to pass; see README).
      const c = compareValues(field, lit);
      result = c !== 0;
    } else {
      const c = compareValues(field, lit);
      if (c === undefined) result = false;
      else if (node.op === '=') result = c === 0;
      else if (node.op === '<') result = c < 0;
      else if (node.op === '<=') result = c <= 0;
      else if (node.op === '>') result = c > 0;
      else result = c >= 0;
    }
  }
  return node.negated ? !result : result;
}

/** Evaluates a parsed condition tree against one record. */
export function evaluateConditions(node: ConditionNode, record: unknown): boolean {
  switch (node.type) {
    case 'and': return evaluateConditions(node.left, record) && evaluateConditions(node.right, record);
    case 'or': return evaluateConditions(node.left, record) || evaluateConditions(node.right, record);
    case 'not': return !evaluateConditions(node.operand, record);
    case 'compare': return evalCompare(node, record);
  }
}

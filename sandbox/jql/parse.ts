// A small JQL parser for the subset Portico uses: AND / OR / NOT, parentheses, `=`, `!=`, `<`, `<=`, `>`, `>=`,
// `in`, `not in`, `is EMPTY`, quoted or bare values, and ORDER BY. Anything else is a 400 like Jira's parser gives.
// Each value remembers whether it was quoted: for dates, "30" is a period and 30 is epoch milliseconds.
export type JqlExpr =
  | { kind: 'and'; left: JqlExpr; right: JqlExpr }
  | { kind: 'or'; left: JqlExpr; right: JqlExpr }
  | { kind: 'not'; expr: JqlExpr }
  | { kind: 'clause'; field: string; op: JqlOperator; values: string[]; quoted: boolean[] };

export type JqlOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';
const COMPARISONS = new Set(['=', '!=', '<', '<=', '>', '>=']);

export interface JqlQuery {
  where: JqlExpr | null;
  orderBy: Array<{ field: string; desc: boolean }>;
}

export class JqlError extends Error {}

type Token = { type: 'word' | 'string' | 'op' | 'punct'; value: string; pos: number };

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = jql[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      const end = jql.indexOf(c, i + 1);
      if (end < 0) throw new JqlError(`Error in the JQL Query: The quoted string '${jql.slice(i)}' has not been completed. (line 1, character ${i + 1})`);
      tokens.push({ type: 'string', value: jql.slice(i + 1, end), pos: i });
      i = end + 1;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: 'punct', value: c, pos: i++ });
    } else if (c === '!' && jql[i + 1] === '=') {
      tokens.push({ type: 'op', value: '!=', pos: i });
      i += 2;
    } else if ('=~<>'.includes(c)) {
      const two = jql.slice(i, i + 2);
      const op = two === '>=' || two === '<=' || two === '!~' ? two : c;
      tokens.push({ type: 'op', value: op, pos: i });
      i += op.length;
    } else {
      const m = /^[^\s()=,!~<>"']+(\(\))?/.exec(jql.slice(i));
      if (!m) throw new JqlError(`Error in the JQL Query: The character '${c}' is a reserved JQL character. (line 1, character ${i + 1})`);
      tokens.push({ type: 'word', value: m[0], pos: i });
      i += m[0].length;
    }
  }
  return tokens;
}

export function parseJql(jql: string): JqlQuery {
  const tokens = tokenize(jql);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (t: Token | undefined, w: string) => t?.type === 'word' && t.value.toLowerCase() === w;
  const fail = (expected: string): never => {
    const t = peek();
    throw new JqlError(t ? `Error in the JQL Query: Expecting ${expected} but got '${t.value}'. (line 1, character ${t.pos + 1})` : `Error in the JQL Query: Expecting ${expected} before the end of the query.`);
  };
  const operand = (): Token => {
    const t = peek();
    if (!t || (t.type !== 'word' && t.type !== 'string')) return fail('either a value, list or function');
    pos++;
    return t;
  };
  const value = (): string => operand().value;
  const clause = (): JqlExpr => {
    const field = value().toLowerCase();
    const t = peek();
    let op: JqlOperator;
    if (t?.type === 'op' && COMPARISONS.has(t.value)) op = t.value as JqlOperator;
    else if (isWord(t, 'in')) op = 'in';
    else if (isWord(t, 'not') && isWord(tokens[pos + 1], 'in')) op = 'not in';
    else if (isWord(t, 'is') && isWord(tokens[pos + 1], 'not')) op = 'is not';
    else if (isWord(t, 'is')) op = 'is';
    else return fail("operator ('=', '!=', '<', '>', '<=', '>=', 'in', 'not in', 'is' or 'is not')");
    pos += op === 'not in' || op === 'is not' ? 2 : 1;
    if (op === 'in' || op === 'not in') {
      if (peek()?.value !== '(') fail("'('");
      pos++;
      const items = [operand()];
      while (peek()?.value === ',') {
        pos++;
        items.push(operand());
      }
      if (peek()?.value !== ')') fail("')'");
      pos++;
      return { kind: 'clause', field, op, values: items.map((x) => x.value), quoted: items.map((x) => x.type === 'string') };
    }
    const one = operand();
    return { kind: 'clause', field, op, values: [one.value], quoted: [one.type === 'string'] };
  };
  const primary = (): JqlExpr => {
    if (peek()?.value === '(') {
      pos++;
      const inner = or();
      if (peek()?.value !== ')') fail("')'");
      pos++;
      return inner;
    }
    if (isWord(peek(), 'not')) {
      pos++;
      return { kind: 'not', expr: primary() };
    }
    return clause();
  };
  const and = (): JqlExpr => {
    let left = primary();
    while (isWord(peek(), 'and')) {
      pos++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const or = (): JqlExpr => {
    let left = and();
    while (isWord(peek(), 'or')) {
      pos++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };

  const where = peek() && !isWord(peek(), 'order') ? or() : null;
  const orderBy: JqlQuery['orderBy'] = [];
  if (isWord(peek(), 'order')) {
    pos++;
    if (!isWord(peek(), 'by')) fail("'by'");
    pos++;
    do {
      if (peek()?.value === ',') pos++;
      const field = value().toLowerCase();
      const dir = peek();
      const desc = isWord(dir, 'desc');
      if (desc || isWord(dir, 'asc')) pos++;
      orderBy.push({ field, desc });
    } while (peek()?.value === ',');
  }
  if (pos < tokens.length) fail("'AND', 'OR' or 'ORDER BY'");
  return { where, orderBy };
}

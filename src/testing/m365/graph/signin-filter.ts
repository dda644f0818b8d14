import type { SignInEvent } from '../model.js';

/**
 * A small, real parser for the `$filter` subset the sign-in log is asked for:
 *
 *   createdDateTime ge 2026-11-01T00:00:00Z and (startswith(userPrincipalName,'frontdesk') or startswith(userPrincipalName,'reception'))
 *
 * Grammar (keywords and function names case-insensitive, as Graph's parser):
 *
 *   expr       := and ( 'or' and )*
 *   and        := primary ( 'and' primary )*
 *   primary    := '(' expr ')' | comparison | startswith
 *   comparison := 'createdDateTime' op datetime | stringProperty 'eq' string
 *   startswith := 'startswith' '(' stringProperty ',' string ')'
 *   op         := 'eq' | 'ge' | 'gt' | 'le' | 'lt'
 *
 * String comparisons ignore case, as the sign-in log does. Anything else is an error.
 */

/** The parsed filter as a predicate. */
export type SignInPredicate = (event: SignInEvent) => boolean;

/** Why a filter was refused. */
export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError';
}

type Token =
  | { kind: 'lparen' | 'rparen' | 'comma'; at: number }
  | { kind: 'word'; text: string; at: number }
  | { kind: 'string'; text: string; at: number }
  | { kind: 'datetime'; text: string; at: number };

const STRING_PROPERTIES: Record<string, (event: SignInEvent) => string> = {
  userprincipalname: (event) => event.userPrincipalName,
  userdisplayname: (event) => event.userDisplayName,
  userid: (event) => event.userId,
  appdisplayname: (event) => event.appDisplayName,
  appid: (event) => event.appId,
  ipaddress: (event) => event.ipAddress,
};

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? '';
    if (/\s/.test(char)) {
      i++;
    } else if (char === '(') {
      tokens.push({ kind: 'lparen', at: i++ });
    } else if (char === ')') {
      tokens.push({ kind: 'rparen', at: i++ });
    } else if (char === ',') {
      tokens.push({ kind: 'comma', at: i++ });
    } else if (char === "'") {
      const start = i++;
      let value = '';
      for (;;) {
        if (i >= text.length) throw new FilterSyntaxError(`unterminated string literal at position ${start}`);
        const next = text[i] ?? '';
        if (next === "'") {
          if (text[i + 1] === "'") {
            value += "'"; // OData escapes a quote by doubling it.
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += next;
        i++;
      }
      tokens.push({ kind: 'string', text: value, at: start });
    } else {
      const datetime = DATETIME.exec(text.slice(i));
      if (datetime) {
        tokens.push({ kind: 'datetime', text: datetime[0], at: i });
        i += datetime[0].length;
        continue;
      }
      const word = /^[A-Za-z_][A-Za-z0-9_/.]*/.exec(text.slice(i));
      if (!word) throw new FilterSyntaxError(`unexpected '${char}' at position ${i}`);
      tokens.push({ kind: 'word', text: word[0], at: i });
      i += word[0].length;
    }
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): SignInPredicate {
    const predicate = this.or();
    const extra = this.tokens[this.position];
    if (extra) throw new FilterSyntaxError(`unexpected token at position ${extra.at}`);
    return predicate;
  }

  private peekWord(): string | undefined {
    const token = this.tokens[this.position];
    return token?.kind === 'word' ? token.text.toLowerCase() : undefined;
  }

  private take(kind: Token['kind']): Token {
    const token = this.tokens[this.position];
    if (!token || token.kind !== kind) {
      throw new FilterSyntaxError(`expected ${kind} ${token ? `at position ${token.at}` : 'at end of expression'}`);
    }
    this.position++;
    return token;
  }

  private or(): SignInPredicate {
    const parts = [this.and()];
    while (this.peekWord() === 'or') {
      this.position++;
      parts.push(this.and());
    }
    return parts.length === 1 ? parts[0]! : (event) => parts.some((part) => part(event));
  }

  private and(): SignInPredicate {
    const parts = [this.primary()];
    while (this.peekWord() === 'and') {
      this.position++;
      parts.push(this.primary());
    }
    return parts.length === 1 ? parts[0]! : (event) => parts.every((part) => part(event));
  }

  private primary(): SignInPredicate {
    const token = this.tokens[this.position];
    if (!token) throw new FilterSyntaxError('expression ends too early');
    if (token.kind === 'lparen') {
      this.position++;
      const inner = this.or();
      this.take('rparen');
      return inner;
    }
    if (token.kind !== 'word') throw new FilterSyntaxError(`expected a property or function at position ${token.at}`);
    const word = token.text.toLowerCase();
    if (word === 'startswith') return this.startsWith();
    this.position++;
    const operator = this.take('word') as { text: string };
    const op = operator.text.toLowerCase();
    if (word === 'createddatetime') {
      if (!['eq', 'ge', 'gt', 'le', 'lt'].includes(op)) throw new FilterSyntaxError(`operator '${operator.text}' is not supported on createdDateTime`);
      const literal = this.take('datetime') as { text: string };
      const bound = Date.parse(literal.text);
      if (Number.isNaN(bound)) throw new FilterSyntaxError(`'${literal.text}' is not a valid DateTimeOffset`);
      return (event) => {
        const at = Date.parse(event.createdDateTime);
        switch (op) {
          case 'eq':
            return at === bound;
          case 'ge':
            return at >= bound;
          case 'gt':
            return at > bound;
          case 'le':
            return at <= bound;
          default:
            return at < bound;
        }
      };
    }
    const read = STRING_PROPERTIES[word];
    if (!read) throw new FilterSyntaxError(`filtering on '${token.text}' is not supported`);
    if (op !== 'eq') throw new FilterSyntaxError(`operator '${operator.text}' is not supported on ${token.text}`);
    const literal = this.take('string') as { text: string };
    const expected = literal.text.toLowerCase();
    return (event) => read(event).toLowerCase() === expected;
  }

  private startsWith(): SignInPredicate {
    this.position++;
    this.take('lparen');
    const property = this.take('word') as { text: string };
    const read = STRING_PROPERTIES[property.text.toLowerCase()];
    if (!read) throw new FilterSyntaxError(`startswith on '${property.text}' is not supported`);
    this.take('comma');
    const prefix = (this.take('string') as { text: string }).text.toLowerCase();
    this.take('rparen');
    return (event) => read(event).toLowerCase().startsWith(prefix);
  }
}

/** Parses a sign-in `$filter`; throws {@link FilterSyntaxError} for anything outside the grammar. */
export function parseSignInFilter(filter: string): SignInPredicate {
  const tokens = tokenize(filter);
  if (tokens.length === 0) throw new FilterSyntaxError('empty filter');
  return new Parser(tokens).parse();
}

import {
  compileExpression,
  evaluateExpression,
  ExpressionError,
  MAX_EXPRESSION_STRING_LENGTH,
} from './expression';

const order = {
  customer: { first: 'Ada', last: 'Lovelace' },
  lines: [
    { sku: 'A-1', price: 2.5, quantity: 4 },
    { sku: 'B-2', price: 10, quantity: 1 },
  ],
};

async function evaluationError(source: string, model: unknown = order, options = {}): Promise<ExpressionError> {
  try {
    await evaluateExpression(source, model, options);
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error(`expected "${source}" to fail`);
}

describe('compileExpression', () => {
  it('compiles a valid expression once for many evaluations', async () => {
    const compiled = compileExpression('customer.first');
    if (!compiled.ok) throw new Error(compiled.error.message);
    expect(await evaluateExpression(compiled.expression, order)).toBe('Ada');
    expect(await evaluateExpression(compiled.expression, { customer: { first: 'Grace' } })).toBe('Grace');
  });

  it('reports a parse error with its character position and token', () => {
    expect(compileExpression('$sum(lines.price')).toEqual({
      ok: false,
      error: { message: 'Expected ")" before end of expression', code: 'S0203', position: 16, token: '(end)' },
    });
    const unterminated = compileExpression('customer.first & "');
    expect(unterminated).toMatchObject({ ok: false, error: { code: 'S0101', position: expect.any(Number) } });
  });

  it('refuses empty and absurdly nested expressions with a message', () => {
    expect(compileExpression('  ')).toEqual({ ok: false, error: { message: 'Enter an expression' } });
    const nested = compileExpression('('.repeat(50_000) + '1' + ')'.repeat(50_000));
    expect(nested.ok).toBe(false);
  });
});

describe('evaluateExpression', () => {
  it('evaluates paths, functions and string concatenation', async () => {
    expect(await evaluateExpression('lines.sku', order)).toEqual(['A-1', 'B-2']);
    expect(await evaluateExpression('lines[price > 5].sku', order)).toBe('B-2');
    expect(await evaluateExpression('$sum(lines.(price * quantity))', order)).toBe(20);
    expect(await evaluateExpression('customer.first & " " & customer.last', order)).toBe('Ada Lovelace');
    expect(await evaluateExpression('{"count": $count(lines), "skus": [lines.sku]}', order)).toEqual({
      count: 2,
      skus: ['A-1', 'B-2'],
    });
  });

  it('gives undefined when nothing matches', async () => {
    expect(await evaluateExpression('customer.middle', order)).toBeUndefined();
  });

  it('returns plain JSON that shares nothing with the model', async () => {
    const result = (await evaluateExpression('lines', order)) as unknown[];
    expect(Array.isArray(result)).toBe(true);
    expect(Object.keys(result)).toEqual(['0', '1']);
    (result[0] as { price: number }).price = 0;
    expect(order.lines[0].price).toBe(2.5);
    const sequence = (await evaluateExpression('lines.sku', order)) as unknown as Record<string, unknown>;
    expect(sequence.sequence).toBeUndefined();
    const object = await evaluateExpression('{"a": 1}', order);
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
  });

  it('drops functions inside a result and refuses a result that is a function', async () => {
    expect(await evaluateExpression('{"n": 1, "f": function($x) { $x }}', order)).toEqual({ n: 1 });
    const error = await evaluationError('$uppercase');
    expect(error.kind).toBe('evaluation');
    expect(error.message).toMatch(/function, not a value/);
  });

  it('reports an evaluation error with its position', async () => {
    const error = await evaluationError('customer.first + 1');
    expect(error).toMatchObject({ kind: 'evaluation', code: 'T2001', position: expect.any(Number) });
    expect(error.message).toMatch(/must evaluate to a number \(at character \d+\)/);
  });

  it('rejects a source that does not parse with kind syntax', async () => {
    const error = await evaluationError('lines[');
    expect(error.kind).toBe('syntax');
  });

  it('stops endless tail recursion with a timeout', async () => {
    const startedAt = Date.now();
    const error = await evaluationError('($f := function($n) { $f($n + 1) }; $f(0))', {}, { timeoutMs: 200 });
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('The expression ran longer than 200 ms; check for an endless loop or runaway recursion');
    expect(Date.now() - startedAt).toBeLessThan(1_500);
  });

  it('stops a long loop with a timeout', async () => {
    const error = await evaluationError(
      '($loop := function($i) { $i < 100000000 ? $loop($i + 1) : $i }; $loop(0))',
      {},
      { timeoutMs: 200 },
    );
    expect(error.kind).toBe('timeout');
  });

  it('stops deep recursion at the depth limit instead of overflowing the stack', async () => {
    const error = await evaluationError('($f := function($n) { 1 + $f($n + 1) }; $f(0))', {});
    expect(error.kind).toBe('depth');
    expect(error.message).toBe('The expression nested deeper than 100 levels; check for runaway recursion');
    expect(await evaluateExpression('($fact := function($n) { $n <= 1 ? 1 : $n * $fact($n - 1) }; $fact(10))', {})).toBe(
      3_628_800,
    );
  });

  it('refuses to build strings that could crash the process', async () => {
    const padded = await evaluationError(`$length($pad("", ${MAX_EXPRESSION_STRING_LENGTH + 1}))`, {});
    expect(padded.kind).toBe('limit');
    const doubled = await evaluationError(
      '($double := function($s, $n) { $n = 0 ? $s : $double($s & $s, $n - 1) }; $length($double("x", 30)))',
      {},
    );
    expect(doubled.kind).toBe('limit');
    expect(await evaluateExpression('$map(["a", "bb"], $pad(?, 4, "-"))', {})).toEqual(['a---', 'bb--']);
  });

  it('binds nothing of the host', async () => {
    expect(await evaluateExpression('[$exists($process), $exists($require), $exists($fetch), $exists($globalThis)]', {})).toEqual([
      false,
      false,
      false,
      false,
    ]);
    const error = await evaluationError('$require("fs")', {});
    expect(error.kind).toBe('evaluation');
  });

  it('does not let one evaluation see the variables of another', async () => {
    const compiled = compileExpression('($before := $seen; $seen := "set"; $exists($before) ? "leaked" : "fresh")');
    if (!compiled.ok) throw new Error(compiled.error.message);
    expect(await evaluateExpression(compiled.expression, {})).toBe('fresh');
    expect(await evaluateExpression(compiled.expression, {})).toBe('fresh');
  });
});

import { configureSandbox, runScript, shutdownSandbox } from './run-script';
import type { ScriptResult } from './types';

afterAll(() => shutdownSandbox());

function expectFailure(result: ScriptResult) {
  if (result.ok) throw new Error(`expected the script to fail, it returned ${JSON.stringify(result.returned)}`);
  return result.error;
}

describe('runScript', () => {
  it('lets the script set variables on item and return a value', async () => {
    const result = await runScript({
      code: 'item.total = item.price * item.quantity;\nitem.tags.push("priced");\nreturn { total: item.total };',
      input: { price: 2.5, quantity: 4, tags: [] },
    });
    expect(result).toMatchObject({
      ok: true,
      item: { price: 2.5, quantity: 4, total: 10, tags: ['priced'] },
      returned: { total: 10 },
    });
  });

  it('keeps the result as JSON.stringify would: functions and undefined are dropped', async () => {
    const result = await runScript({
      code: 'item.callback = () => 1; item.missing = undefined; item.when = new Date(0); return () => 2;',
      input: { keep: true },
    });
    expect(result).toMatchObject({ ok: true, item: { keep: true, when: '1970-01-01T00:00:00.000Z' } });
    expect(result.ok && result.returned).toBeUndefined();
    expect(result.ok && Object.keys(result.item as object)).toEqual(['keep', 'when']);
  });

  it('captures console.log lines, up to a limit', async () => {
    const result = await runScript({
      code: 'console.log("city", item.city, { n: 1 }, [1, 2]);\nfor (let i = 0; i < 5; i++) console.log("line", i);',
      input: { city: 'Oslo' },
      maxLogLines: 3,
    });
    expect(result.logs).toEqual(['city Oslo {"n":1} [1,2]', 'line 0', 'line 1', '… 3 more log line(s) not captured']);
  });

  it('resolves a returned promise', async () => {
    const result = await runScript({ code: 'return Promise.resolve(item.n + 1);', input: { n: 1 } });
    expect(result).toMatchObject({ ok: true, returned: 2 });
  });

  it('serves as a display function: the run output in, a view description returned', async () => {
    const result = await runScript({
      code: 'return { type: "card", title: item.city, lines: item.forecast.map((day) => day.date + ": " + day.max + "°") };',
      input: { city: 'Oslo', forecast: [{ date: '2025-01-01', max: 3 }] },
    });
    expect(result).toMatchObject({ ok: true, returned: { type: 'card', title: 'Oslo', lines: ['2025-01-01: 3°'] } });
  });

  it('loads a sizeable input, and refuses one that cannot fit the memory limit', async () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => ({ id: index, name: `row ${index}`, amount: index / 10 }));
    // Generous time: this test is about memory, and the machine running it may be busy.
    const summed = await runScript({
      code: 'return item.rows.reduce((sum, row) => sum + row.id, 0);',
      input: { rows },
      timeoutMs: 10_000,
    });
    expect(summed).toMatchObject({ ok: true, returned: (20_000 * 19_999) / 2 });
    const tooLarge = expectFailure(await runScript({ code: 'return 1;', input: { rows }, memoryLimitBytes: 1024 * 1024 }));
    expect(tooLarge.kind).toBe('memory');
  });

  it('does not change the caller’s input', async () => {
    const input = { nested: { value: 1 }, list: [1, 2] };
    const result = await runScript({ code: 'item.nested.value = 99; item.list.length = 0; item.added = true;', input });
    expect(result.ok).toBe(true);
    expect(input).toEqual({ nested: { value: 1 }, list: [1, 2] });
  });

  it('reports a thrown error with its message and the line in the user’s code', async () => {
    const error = expectFailure(await runScript({ code: 'const a = 1;\nconst b = 2;\nthrow new Error("boom");\n' }));
    expect(error).toEqual({ kind: 'script', name: 'Error', message: 'boom', line: 3, column: expect.any(Number) });
  });

  it('reports a runtime error inside a function at the line where it happened', async () => {
    const error = expectFailure(
      await runScript({ code: 'function price(entry) {\n  return entry.amount.value;\n}\nreturn price({});' }),
    );
    expect(error).toMatchObject({ kind: 'script', name: 'TypeError', line: 2 });
  });

  it('reports a syntax error with its message and line', async () => {
    const error = expectFailure(await runScript({ code: 'const a = 1;\nconst b = = 2;\nreturn a;' }));
    expect(error).toMatchObject({ kind: 'script', name: 'SyntaxError', line: 2, column: 11 });
    expect(error.message).toMatch(/unexpected token/);
  });

  it('reports a value thrown that is not an Error', async () => {
    const error = expectFailure(await runScript({ code: 'throw { code: 42 };' }));
    expect(error).toEqual({ kind: 'script', message: '{"code":42}' });
  });

  it('exposes nothing of the host: no process, require, fetch, timers or modules', async () => {
    const result = await runScript({
      code: `return {
        process: typeof process,
        require: typeof require,
        fetch: typeof globalThis.fetch,
        setTimeout: typeof setTimeout,
        setInterval: typeof setInterval,
        consoleMembers: Object.keys(console),
      };`,
    });
    expect(result).toMatchObject({
      ok: true,
      returned: {
        process: 'undefined',
        require: 'undefined',
        fetch: 'undefined',
        setTimeout: 'undefined',
        setInterval: 'undefined',
        consoleMembers: ['log'],
      },
    });
    const imported = await runScript({ code: 'return import("node:fs").then(() => "loaded", (error) => String(error));' });
    expect(imported).toMatchObject({ ok: true, returned: expect.stringMatching(/could not load module/) });
  });

  it('starts every run from a fresh VM: globals do not leak from one run to the next', async () => {
    configureSandbox({ maxWorkers: 1 });
    try {
      const first = await runScript({ code: 'globalThis.leaked = "secret"; Object.prototype.polluted = true; return leaked;' });
      expect(first).toMatchObject({ ok: true, returned: 'secret' });
      const second = await runScript({ code: 'return [typeof leaked, typeof ({}).polluted];' });
      expect(second).toMatchObject({ ok: true, returned: ['undefined', 'undefined'] });
    } finally {
      configureSandbox({ maxWorkers: 2 });
    }
  });

  it('stops an endless loop with kind timeout', async () => {
    const startedAt = Date.now();
    const error = expectFailure(await runScript({ code: 'while (true) {}' }));
    expect(error.kind).toBe('timeout');
    expect(Date.now() - startedAt).toBeLessThan(2_000);
  });

  it('stops a loop of long native calls, which QuickJS does not interrupt, by killing its worker', async () => {
    const startedAt = Date.now();
    const error = expectFailure(await runScript({ code: 'while (true) { "x".repeat(1e6); }', timeoutMs: 200 }));
    expect(error.kind).toBe('timeout');
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(await runScript({ code: 'return 1 + 1;' })).toMatchObject({ ok: true, returned: 2 });
  });

  it('stops a memory bomb with kind memory, and the next script runs normally', async () => {
    const code = "const a = [];\nwhile (true) a.push('x'.repeat(1e6));";
    const error = expectFailure(await runScript({ code, timeoutMs: 10_000 }));
    expect(error.kind).toBe('memory');
    expect(await runScript({ code: 'return "x".repeat(1e6).length;' })).toMatchObject({ ok: true, returned: 1e6 });
  });

  it('holds a script to the memory limit it is given', async () => {
    const code = 'const chunks = [];\ntry { while (true) chunks.push("x".repeat(1 << 20) + chunks.length); }\ncatch (error) { const count = chunks.length; chunks.length = 0; return count; }';
    const small = await runScript({ code, memoryLimitBytes: 4 * 1024 * 1024, timeoutMs: 10_000 });
    const large = await runScript({ code, memoryLimitBytes: 32 * 1024 * 1024, timeoutMs: 10_000 });
    expect(small).toMatchObject({ ok: true, returned: expect.any(Number) });
    expect(large).toMatchObject({ ok: true, returned: expect.any(Number) });
    expect(small.ok && (small.returned as number)).toBeLessThanOrEqual(8);
    expect(large.ok && (large.returned as number)).toBeGreaterThanOrEqual(24);
    expect(large.ok && (large.returned as number)).toBeLessThanOrEqual(36);
  });

  it('reports runaway recursion as a script error at its line', async () => {
    const error = expectFailure(await runScript({ code: 'function down(n) {\n  return down(n + 1) + 1;\n}\nreturn down(0);' }));
    expect(error).toMatchObject({ kind: 'script', message: 'stack overflow', line: 2 });
  });

  it('survives nesting that exhausts the native stack, and the next script runs normally', async () => {
    const code = 'return eval("[".repeat(200000) + "]".repeat(200000));';
    const error = expectFailure(await runScript({ code, timeoutMs: 10_000 }));
    expect(error.kind).toBe('memory');
    expect(await runScript({ code: 'return 2 * 21;' })).toMatchObject({ ok: true, returned: 42 });
  });

  it('rejects output that is cyclic or too large with kind output', async () => {
    const cyclic = expectFailure(await runScript({ code: 'item.self = item;', input: {} }));
    expect(cyclic).toEqual({ kind: 'output', message: expect.stringMatching(/cannot be serialised as JSON: circular/) });
    const bigint = expectFailure(await runScript({ code: 'return 10n;' }));
    expect(bigint.kind).toBe('output');
    const large = expectFailure(await runScript({ code: 'return "x".repeat(2000);', outputLimitBytes: 1000 }));
    expect(large).toEqual({ kind: 'output', message: 'The result is larger than 1000 bytes.' });
  });

  it('runs scripts concurrently without mixing their items', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => runScript({ code: 'item.double = item.n * 2; return item.n;', input: { n } })),
    );
    expect(results.map((result) => result.ok && [result.returned, result.item])).toEqual([
      [1, { n: 1, double: 2 }],
      [2, { n: 2, double: 4 }],
      [3, { n: 3, double: 6 }],
      [4, { n: 4, double: 8 }],
    ]);
  });

  it('refuses invalid options and input that is not JSON', async () => {
    await expect(runScript({ code: 'return 1', timeoutMs: 0 })).rejects.toThrow(RangeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(runScript({ code: 'return 1', input: cyclic as never })).rejects.toThrow(/input is not JSON/);
  });
});

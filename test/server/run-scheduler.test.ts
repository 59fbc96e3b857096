import * as assert from 'node:assert';
import type { RunResult } from '../../src/runner/trace';
import { RunScheduler, inlineRun, type FlowDocument, type FlowRun, type RunTask, type StartRun } from '../../src/server/run-scheduler';
import { FakeClock } from './fake-clock';
import { emptyRun } from '../../src/runner/index';

const URI = 'file:///w/flow.tcpflow';

/** A run whose title is the source it ran, so tests can tell which text a publish came from. */
const runOf = (title: string): RunResult => emptyRun([], title);

/** Lets the scheduler's promise callbacks run (a run's result is published after it settles). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** An editor buffer the test types into, a scheduler over it, and what it published. */
function setup(run: (source: string) => RunResult = (s) => runOf(s), start?: StartRun) {
  const clock = new FakeClock();
  let doc: FlowDocument | undefined = { uri: URI, version: 1, getText: () => 'v1' };
  const published: FlowRun[] = [];
  const runs: string[] = [];
  const errors: unknown[] = [];
  const scheduler = new RunScheduler({
    startTimer: clock.startTimer,
    delay: () => 150,
    document: (uri) => (uri === URI ? doc : undefined),
    run: (source, uri) => {
      runs.push(source);
      return (start ?? inlineRun(run))(source, uri);
    },
    publish: (r) => published.push(r),
    onInternalError: (e) => errors.push(e),
  });
  const type = (text: string): void => {
    const version = (doc?.version ?? 0) + 1;
    doc = { uri: URI, version, getText: () => text };
    scheduler.schedule(URI);
  };
  const close = (): void => {
    doc = undefined;
    scheduler.forget(URI);
  };
  const bumpVersion = (): void => {
    const d = doc;
    if (d) doc = { uri: URI, version: d.version + 1, getText: () => d.getText() };
  };
  return { clock, scheduler, published, runs, errors, type, close, bumpVersion };
}

describe('server: when a document is run (debounce and stale runs)', () => {
  it('waits for the typing to pause for the delay, then runs once with the latest text', async () => {
    const t = setup();
    t.type('a');
    t.clock.advance(100);
    t.type('ab');
    t.clock.advance(100);
    t.type('abc');
    t.clock.advance(149);
    assert.deepStrictEqual(t.runs, []);
    t.clock.advance(1);
    assert.deepStrictEqual(t.runs, ['abc']);
    await settle();
    assert.strictEqual(t.published.length, 1);
    assert.strictEqual(t.published[0]?.version, 4);
    assert.strictEqual(t.published[0]?.result.title, 'abc');
  });

  it('publishes nothing for a run whose document changed while it ran', async () => {
    let bumped = false;
    const s = setup((source) => {
      if (!bumped) {
        bumped = true;
        s.bumpVersion(); // an edit arrives while the run is in progress
      }
      return runOf(source);
    });
    s.type('first');
    s.clock.advance(150);
    await settle();
    assert.deepStrictEqual(s.runs, ['first']);
    assert.strictEqual(s.published.length, 0, 'the stale run must not publish');
  });

  it('publishes nothing once the document is closed', () => {
    const t = setup();
    t.type('x');
    t.close();
    t.clock.advance(1000);
    assert.deepStrictEqual(t.runs, []);
    assert.strictEqual(t.published.length, 0);
    assert.strictEqual(t.clock.pendingTimers, 0);
  });

  it('turns a run that throws into one INTERNAL-ERROR diagnostic on line 1 and keeps serving', async () => {
    let fail = true;
    const t = setup((source) => {
      if (fail) throw new Error('boom');
      return runOf(source);
    });
    t.type('flow "x"\nseed 1');
    t.clock.advance(150);
    await settle();
    const [run] = t.published;
    assert.ok(run);
    assert.strictEqual(run.result.diagnostics.length, 1);
    const d = run.result.diagnostics[0];
    assert.strictEqual(d?.id, 'INTERNAL-ERROR');
    assert.strictEqual(d?.range.start.line, 0);
    assert.match(d?.message ?? '', /internal error in tcpflow: boom.*please report it/);
    assert.match(d?.messageZh ?? '', /内部错误/);
    assert.strictEqual(t.errors.length, 1);
    fail = false;
    t.type('ok');
    t.clock.advance(150);
    await settle();
    assert.strictEqual(t.published.length, 2);
    assert.deepStrictEqual(t.published[1]?.result.diagnostics, []);
  });

  it('answers "the current run" from the latest run, and runs now when the text moved on', async () => {
    const t = setup();
    t.type('one');
    t.clock.advance(150);
    assert.strictEqual((await t.scheduler.current(URI))?.result.title, 'one');
    assert.strictEqual(t.runs.length, 1, 'no second run for an unchanged document');
    t.type('two');
    assert.strictEqual((await t.scheduler.current(URI))?.result.title, 'two', 'a pending edit is run at once');
    t.clock.advance(500);
    assert.strictEqual(t.runs.length, 2, 'the pending timer was cancelled');
  });

  it('runs a document on request even before its first debounced run', async () => {
    const t = setup();
    assert.strictEqual((await t.scheduler.current(URI))?.result.title, 'v1');
    assert.strictEqual(t.published.length, 1);
  });

  describe('runs that take a while (in a worker)', () => {
    /** Runs that finish only when the test says so; it sees which were stopped. */
    function slowRuns() {
      const tasks: { source: string; finish: () => void; fail: (e: Error) => void; cancelled: boolean }[] = [];
      const start: StartRun = (source) => {
        let finish = (): void => undefined;
        let fail = (_: Error): void => undefined;
        let resolveResult = (_: RunResult | undefined): void => undefined;
        const result = new Promise<RunResult | undefined>((resolve, reject) => {
          resolveResult = resolve;
          finish = () => resolve(runOf(source));
          fail = reject;
        });
        const entry = { source, finish: () => finish(), fail: (e: Error) => fail(e), cancelled: false };
        tasks.push(entry);
        const task: RunTask = {
          result,
          cancel: () => {
            entry.cancelled = true;
            resolveResult(undefined);
          },
        };
        return task;
      };
      return { tasks, start };
    }

    it('stops the run of an older text when the newer text is run, and publishes only the newer one', async () => {
      const slow = slowRuns();
      const t = setup(undefined, slow.start);
      t.type('old');
      t.clock.advance(150);
      t.type('new');
      assert.strictEqual(slow.tasks[0]?.cancelled, false, 'typing alone does not stop a run (a short one may still finish)');
      t.clock.advance(150);
      assert.deepStrictEqual(slow.tasks.map((x) => [x.source, x.cancelled]), [['old', true], ['new', false]]);
      slow.tasks[1]?.finish();
      slow.tasks[0]?.finish(); // too late: it was stopped
      await settle();
      assert.deepStrictEqual(t.published.map((r) => r.result.title), ['new']);
    });

    it('answers requests for the current run from the run under way, without starting another', async () => {
      const slow = slowRuns();
      const t = setup(undefined, slow.start);
      t.type('text');
      t.clock.advance(150);
      assert.strictEqual(t.scheduler.ready(URI), undefined, 'nothing is ready while the run is under way');
      const asked = t.scheduler.current(URI);
      assert.strictEqual(slow.tasks.length, 1);
      slow.tasks[0]?.finish();
      assert.strictEqual((await asked)?.result.title, 'text');
      assert.strictEqual(t.scheduler.ready(URI)?.result.title, 'text');
    });

    it('turns a failed run into the INTERNAL-ERROR diagnostic, and runs the next edit again', async () => {
      const slow = slowRuns();
      const t = setup(undefined, slow.start);
      t.type('one');
      t.clock.advance(150);
      slow.tasks[0]?.fail(new Error('the run worker stopped (exit code 1)'));
      await settle();
      assert.deepStrictEqual(t.published.map((r) => r.result.diagnostics.map((d) => d.id)), [['INTERNAL-ERROR']]);
      assert.match(t.published[0]?.result.diagnostics[0]?.message ?? '', /worker stopped.*please report it/);
      t.type('two');
      t.clock.advance(150);
      slow.tasks[1]?.finish();
      await settle();
      assert.deepStrictEqual(t.published.map((r) => r.result.title), ['', 'two']);
    });

    it('stops the run when the document is closed', () => {
      const slow = slowRuns();
      const t = setup(undefined, slow.start);
      t.type('x');
      t.clock.advance(150);
      t.close();
      assert.strictEqual(slow.tasks[0]?.cancelled, true);
      assert.strictEqual(t.scheduler.isRunning(URI), false);
    });
  });
});

describe('server: a run whose diagnostics come ahead of the rest of it', () => {
  /** A scheduler over one document whose runs the test answers by hand, in two parts. */
  function twoParts() {
    let version = 1;
    const events: string[] = [];
    const parts: { diagnostics: (d: RunResult['diagnostics'] | undefined) => void; result: (r: RunResult | undefined) => void; fail: (e: Error) => void }[] = [];
    const start: StartRun = () => {
      const part = { diagnostics: (_: RunResult['diagnostics'] | undefined): void => undefined, result: (_: RunResult | undefined): void => undefined, fail: (_: Error): void => undefined };
      const diagnostics = new Promise<RunResult['diagnostics'] | undefined>((resolve) => (part.diagnostics = resolve));
      const result = new Promise<RunResult | undefined>((resolve, reject) => {
        part.result = resolve;
        part.fail = reject;
      });
      parts.push(part);
      return { result, diagnostics, cancel: () => part.result(undefined) } satisfies RunTask;
    };
    const scheduler = new RunScheduler({
      startTimer: new FakeClock().startTimer,
      delay: () => 0,
      document: (uri) => (uri === URI ? { uri, version, getText: () => `v${version}` } : undefined),
      run: start,
      publish: (r, sent) => events.push(`publish ${r.result.title || r.result.diagnostics.map((d) => d.id).join()} sent=${sent}`),
      publishDiagnostics: (_, v, d) => events.push(`diagnostics v${v} (${d.length})`),
    });
    return { scheduler, events, parts, edit: () => version++ };
  }
  const diagnostic = emptyRun([]).diagnostics;

  it('publishes the diagnostics first, then the run without sending them again', async () => {
    const t = twoParts();
    const done = t.scheduler.runNow(URI);
    t.parts[0]?.diagnostics(diagnostic);
    await settle();
    assert.deepStrictEqual(t.events, ['diagnostics v1 (0)']);
    t.parts[0]?.result(runOf('v1'));
    await done;
    assert.deepStrictEqual(t.events, ['diagnostics v1 (0)', 'publish v1 sent=true']);
  });

  it('does not publish the diagnostics of a text that moved on', async () => {
    const t = twoParts();
    const done = t.scheduler.runNow(URI);
    t.edit();
    t.parts[0]?.diagnostics(diagnostic);
    t.parts[0]?.result(runOf('v1'));
    await done;
    assert.deepStrictEqual(t.events, []);
  });

  it('a run that fails after its diagnostics went ahead: the INTERNAL-ERROR diagnostic is sent', async () => {
    const t = twoParts();
    const done = t.scheduler.runNow(URI);
    t.parts[0]?.diagnostics(diagnostic);
    await settle();
    t.parts[0]?.fail(new Error('bad JSON'));
    await done;
    assert.deepStrictEqual(t.events, ['diagnostics v1 (0)', 'publish INTERNAL-ERROR sent=false']);
  });
});

import * as assert from 'node:assert';
import type { RunResult } from '../../src/runner/trace';
import { RunScheduler, type FlowDocument, type FlowRun } from '../../src/server/run-scheduler';
import { FakeClock } from './fake-clock';
import { emptyRun } from '../../src/runner/index';

const URI = 'file:///w/flow.tcpflow';

/** A run whose title is the source it ran, so tests can tell which text a publish came from. */
const runOf = (title: string): RunResult => emptyRun([], title);

/** An editor buffer the test types into, a scheduler over it, and what it published. */
function setup(run: (source: string) => RunResult = (s) => runOf(s)) {
  const clock = new FakeClock();
  let doc: FlowDocument | undefined = { uri: URI, version: 1, getText: () => 'v1' };
  const published: FlowRun[] = [];
  const runs: string[] = [];
  const errors: unknown[] = [];
  const scheduler = new RunScheduler({
    startTimer: clock.startTimer,
    delay: () => 150,
    document: (uri) => (uri === URI ? doc : undefined),
    run: (source) => {
      runs.push(source);
      return run(source);
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
  it('waits for the typing to pause for the delay, then runs once with the latest text', () => {
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
    assert.strictEqual(t.published.length, 1);
    assert.strictEqual(t.published[0]?.version, 4);
    assert.strictEqual(t.published[0]?.result.title, 'abc');
  });

  it('publishes nothing for a run whose document changed while it ran', () => {
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

  it('turns a run that throws into one INTERNAL-ERROR diagnostic on line 1 and keeps serving', () => {
    let fail = true;
    const t = setup((source) => {
      if (fail) throw new Error('boom');
      return runOf(source);
    });
    t.type('flow "x"\nseed 1');
    t.clock.advance(150);
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
    assert.strictEqual(t.published.length, 2);
    assert.deepStrictEqual(t.published[1]?.result.diagnostics, []);
  });

  it('answers "the current run" from the latest run, and runs now when the text moved on', () => {
    const t = setup();
    t.type('one');
    t.clock.advance(150);
    assert.strictEqual(t.scheduler.current(URI)?.result.title, 'one');
    assert.strictEqual(t.runs.length, 1, 'no second run for an unchanged document');
    t.type('two');
    assert.strictEqual(t.scheduler.current(URI)?.result.title, 'two', 'a pending edit is run at once');
    t.clock.advance(500);
    assert.strictEqual(t.runs.length, 2, 'the pending timer was cancelled');
  });

  it('runs a document on request even before its first debounced run', () => {
    const t = setup();
    assert.strictEqual(t.scheduler.current(URI)?.result.title, 'v1');
    assert.strictEqual(t.published.length, 1);
  });
});

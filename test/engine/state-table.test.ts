// Every row of the RFC 9293 state transition table (tcp-rules.md §7, T001–T154) driven through
// the real engine: the test named with its T-id puts an endpoint in the row's state, applies the
// row's event (a user call, a segment, a timeout) and checks what it sent and the state after.
// Rows the engine cannot honour yet are listed in state-table/not-yet.ts with why; the coverage
// test fails if a row of the table is neither tested nor listed.
import * as assert from 'node:assert/strict';
import type { TableRow } from './state-table/fixtures';
import { NOT_YET } from './state-table/not-yet';
import { CLOSED_ROWS, LISTEN_ROWS } from './state-table/rows-closed-listen';
import { CLOSE_WAIT_ROWS, CLOSING_ROWS, LAST_ACK_ROWS } from './state-table/rows-closing';
import { ESTABLISHED_ROWS } from './state-table/rows-established';
import { FIN_WAIT_1_ROWS, FIN_WAIT_2_ROWS } from './state-table/rows-fin-wait';
import { SETTING_ROWS } from './state-table/rows-settings';
import { SYN_RCVD_ROWS } from './state-table/rows-syn-rcvd';
import { SYN_SENT_ROWS } from './state-table/rows-syn-sent';
import { ANY_STATE_ROWS, TIME_WAIT_ROWS } from './state-table/rows-time-wait';
import { specRowIds } from './state-table/spec-rows';

const ROWS: readonly TableRow[] = [
  ...CLOSED_ROWS, ...LISTEN_ROWS, ...SYN_SENT_ROWS, ...SYN_RCVD_ROWS, ...ESTABLISHED_ROWS, ...FIN_WAIT_1_ROWS,
  ...FIN_WAIT_2_ROWS, ...CLOSE_WAIT_ROWS, ...CLOSING_ROWS, ...LAST_ACK_ROWS, ...TIME_WAIT_ROWS, ...ANY_STATE_ROWS,
  ...SETTING_ROWS,
];

describe('RFC 9293 state table (tcp-rules.md §7): one test per row', () => {
  for (const row of ROWS) it(`${row.id} ${row.title}`, row.run);
});

describe('RFC 9293 state table: coverage', () => {
  const table = specRowIds();
  const tested = ROWS.map((r) => r.id);
  const listed = NOT_YET.map((r) => r.id);

  it('reads 154 rows, T001–T154, from tcp-rules.md §7', () => {
    assert.equal(table.length, 154);
    assert.deepEqual(table, Array.from({ length: 154 }, (_, i) => `T${String(i + 1).padStart(3, '0')}`));
  });

  it('every row has a test or is listed as not yet, with why and what it needs', () => {
    const missing = table.filter((id) => !tested.includes(id) && !listed.includes(id));
    assert.deepEqual(missing, [], 'rows with neither a test nor a reason');
    for (const n of NOT_YET) assert.ok(n.why.length > 0 && n.needs.length > 0, `${n.id} says why and what it needs`);
  });

  it('no test or listing names a T-id that is not in the table, none twice, and no listed row has a test', () => {
    assert.deepEqual([...tested, ...listed].filter((id) => !table.includes(id)), [], 'ids not in the table');
    assert.deepEqual(tested.filter((id, i) => tested.indexOf(id) !== i), [], 'one test per row');
    assert.deepEqual(listed.filter((id) => tested.includes(id)), [], 'listed as not yet but tested');
  });
});

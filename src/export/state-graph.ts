// The TCP connection state machine as plain data for the panel's state diagram: every state and
// every edge with the event that takes it, read from the engine's own xstate definition (the
// same one that runs), so the drawing can never disagree with the engine.
import { connectionMachine } from '../engine/tcp/connection-machine';
import type { StateGraph, StateGraphEdge } from '../shared/protocol';

export function connectionStateGraph(): StateGraph {
  const states: string[] = [];
  const edges: StateGraphEdge[] = [];
  for (const [name, node] of Object.entries(connectionMachine.root.states)) {
    states.push(name);
    for (const [event, transitions] of node.transitions) {
      for (const t of transitions) {
        for (const target of t.target ?? []) edges.push({ from: name, to: target.key, event });
      }
    }
  }
  return { initial: String(connectionMachine.root.initial?.target[0]?.key ?? states[0] ?? ''), states, edges };
}

let cached: StateGraph | undefined;

/** The graph is a fact of the build: computed once per process. */
export function tcpStateGraph(): StateGraph {
  cached ??= connectionStateGraph();
  return cached;
}

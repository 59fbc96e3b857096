// The engine's state machines as plain data for the panel's state diagrams: every state and
// every edge with the event that takes it, read from the engine's own xstate definitions (the
// same ones that run), so a drawing can never disagree with the engine. The TCP connection
// machine always; the TLS handshake machines a run used, by the machine id its trace records.
import type { AnyStateMachine } from 'xstate';
import { connectionMachine } from '../engine/tcp/connection-machine';
import { HANDSHAKE_MACHINES } from '../engine/tls/handshake-machines';
import type { RunResult } from '../runner/trace';
import type { StateGraph, StateGraphEdge } from '../shared/protocol';

/**
 * A flat machine's states and edges. An event the machine's root handles (the handshake
 * machines' CLOSE and FATAL_ALERT) is an edge from every state that is not final, because that
 * is where xstate takes it.
 */
export function machineStateGraph(machine: AnyStateMachine): StateGraph {
  const states: string[] = [];
  const edges: StateGraphEdge[] = [];
  const children = Object.entries(machine.root.states);
  for (const [name, node] of children) {
    states.push(name);
    for (const [event, transitions] of node.transitions) {
      for (const t of transitions) {
        for (const target of t.target ?? []) edges.push({ from: name, to: target.key, event });
      }
    }
  }
  for (const [event, transitions] of machine.root.transitions) {
    for (const t of transitions) {
      for (const target of t.target ?? []) {
        for (const [name, node] of children) if (node.type !== 'final') edges.push({ from: name, to: target.key, event });
      }
    }
  }
  return { initial: String(machine.root.initial?.target[0]?.key ?? states[0] ?? ''), states, edges };
}

export function connectionStateGraph(): StateGraph {
  return machineStateGraph(connectionMachine);
}

let cached: StateGraph | undefined;

/** The graph is a fact of the build: computed once per process. */
export function tcpStateGraph(): StateGraph {
  cached ??= connectionStateGraph();
  return cached;
}

const handshakeCache = new Map<string, StateGraph>();

/** The graph of one handshake machine by its id (`tls13-client`, …); undefined for an unknown id. */
export function handshakeStateGraph(machineId: string): StateGraph | undefined {
  const machine = Object.hasOwn(HANDSHAKE_MACHINES, machineId) ? HANDSHAKE_MACHINES[machineId] : undefined;
  if (!machine) return undefined;
  let graph = handshakeCache.get(machineId);
  if (!graph) {
    graph = machineStateGraph(machine);
    handshakeCache.set(machineId, graph);
  }
  return graph;
}

/** The graphs of the handshake machines `result` moved, keyed by machine id, in order of first use. */
export function tlsStateGraphs(result: RunResult): Record<string, StateGraph> {
  const graphs: Record<string, StateGraph> = {};
  for (const change of result.tlsStates ?? []) {
    if (Object.hasOwn(graphs, change.machine)) continue;
    const graph = handshakeStateGraph(change.machine);
    if (graph) graphs[change.machine] = graph;
  }
  return graphs;
}

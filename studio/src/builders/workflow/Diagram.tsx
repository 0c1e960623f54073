/**
 * The workflow drawn from the definition: states as boxes, transitions as labelled arrows, laid out left to right by
 * dagre. The start state has an entry arrow, closed (terminal) states a double border, and states that no chain of
 * transitions from the start reaches are dashed and marked — the same analysis the engine's check uses
 * (`analyzeWorkflow`). The picture is decoration for sighted users; the tables below it carry the same facts, and a
 * sentence under the figure names the unreachable states.
 */
import dagre, { type Edge } from '@dagrejs/dagre';
import { useMemo, useState } from 'react';
import { analyzeWorkflow, type Workflow } from '../../../../engine/index.ts';
import { useText } from '../../text.ts';

const BOX_W = 150;
const BOX_H = 54;
const LABEL_W = 132;
const CHARS_PER_LINE = 19;

/** Splits `text` into at most `max` lines of about CHARS_PER_LINE characters (the last one ends with "…" if cut). */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && `${line} ${word}`.length > CHARS_PER_LINE) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = `${kept[max - 1].slice(0, CHARS_PER_LINE - 1)}…`;
  return kept;
}

interface Laid {
  width: number;
  height: number;
  nodes: { id: string; x: number; y: number; title: string; terminal: boolean; unreachable: boolean; initial: boolean }[];
  edges: { key: string; points: { x: number; y: number }[]; label: string[]; x: number; y: number; loop: boolean }[];
}

function layout(workflow: Workflow): Laid {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 36, ranksep: 90, edgesep: 18, marginx: 24, marginy: 24 });
  g.setDefaultEdgeLabel(() => ({}));
  const { unreachable } = analyzeWorkflow(workflow);
  const lost = new Set(unreachable);
  for (const [id, s] of Object.entries(workflow.states)) g.setNode(id, { width: BOX_W, height: BOX_H, label: s.title });
  const loops: Laid['edges'] = [];
  workflow.transitions.forEach((t, i) => {
    for (const from of t.from) {
      if (!(from in workflow.states) || !(t.to in workflow.states)) continue;
      const label = wrap(t.title, 2);
      if (from === t.to) {
        loops.push({ key: `${i}-${from}`, points: [], label, x: 0, y: 0, loop: true });
        continue;
      }
      g.setEdge(from, t.to, { label: t.title, width: LABEL_W, height: label.length * 15 + 6, labelpos: 'c' }, `${i}-${from}`);
    }
  });
  dagre.layout(g);
  const nodes = g.nodes().map((id: string) => {
    const n = g.node(id);
    return {
      id,
      x: n.x,
      y: n.y,
      title: workflow.states[id].title,
      terminal: !!workflow.states[id].terminal,
      unreachable: lost.has(id),
      initial: id === workflow.initial,
    };
  });
  const edges = g.edges().map((e: Edge) => {
    const data = g.edge(e) as { points: { x: number; y: number }[]; x: number; y: number; label: string };
    return { key: e.name ?? `${e.v}-${e.w}`, points: data.points, label: wrap(data.label, 2), x: data.x, y: data.y, loop: false };
  });
  // Self-loops (renew, say) are drawn above their box.
  for (const loop of loops) {
    const state = loop.key.slice(loop.key.indexOf('-') + 1);
    const n = g.node(state);
    loop.x = n.x;
    loop.y = n.y - BOX_H / 2 - 34;
    edges.push(loop);
  }
  const graph = g.graph() as { width?: number; height?: number };
  return { width: (graph.width ?? 0) + 20, height: (graph.height ?? 0) + (loops.length ? 50 : 0), nodes, edges };
}

/** The diagram of `workflow`, inside a region that scrolls when it is wider than the column. */
export function WorkflowDiagram({ workflow }: { workflow: Workflow }) {
  const s = useText();
  const laid = useMemo(() => layout(workflow), [workflow]);
  const lost = laid.nodes.filter((n) => n.unreachable);
  const top = laid.edges.some((e) => e.loop) ? 50 : 0;
  // A wide workflow at its own size scrolls sideways; shrunk to the column it shows the whole at once.
  const [fit, setFit] = useState(false);
  return (
    <figure className="mandate-diagram margin-0">
      <button type="button" className="usa-button usa-button--unstyled margin-bottom-1" aria-pressed={fit} onClick={() => setFit(!fit)}>
        {s('workflow.diagram.fit')}
      </button>
      <section className="usa-table-container--scrollable mandate-diagram__scroll" tabIndex={0} aria-label={s('workflow.diagram.region')}>
        <svg
          width={fit ? '100%' : laid.width}
          height={fit ? undefined : laid.height}
          viewBox={`0 ${-top} ${laid.width} ${laid.height}`}
          aria-hidden="true"
          focusable="false"
          data-testid="workflow-diagram"
        >
          <defs>
            <marker id="mandate-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#1b1b1b" />
            </marker>
          </defs>
          {laid.edges.map((e) =>
            e.loop ? (
              <g key={e.key}>
                <path
                  d={`M ${e.x - 20} ${e.y + 34} C ${e.x - 30} ${e.y - 4}, ${e.x + 30} ${e.y - 4}, ${e.x + 20} ${e.y + 34}`}
                  fill="none"
                  stroke="#1b1b1b"
                  strokeWidth="1.5"
                  markerEnd="url(#mandate-arrow)"
                />
                <EdgeLabel lines={e.label} x={e.x} y={e.y - 14} />
              </g>
            ) : (
              <g key={e.key}>
                <polyline
                  points={e.points.map((p) => `${p.x},${p.y}`).join(' ')}
                  fill="none"
                  stroke="#1b1b1b"
                  strokeWidth="1.5"
                  markerEnd="url(#mandate-arrow)"
                />
                <EdgeLabel lines={e.label} x={e.x} y={e.y} />
              </g>
            ),
          )}
          {laid.nodes.map((n) => (
            <g key={n.id} data-state={n.id} data-unreachable={n.unreachable || undefined}>
              {n.initial && (
                <line
                  x1={n.x - BOX_W / 2 - 22}
                  y1={n.y}
                  x2={n.x - BOX_W / 2 - 2}
                  y2={n.y}
                  stroke="#1b1b1b"
                  strokeWidth="2"
                  markerEnd="url(#mandate-arrow)"
                />
              )}
              <rect
                x={n.x - BOX_W / 2}
                y={n.y - BOX_H / 2}
                width={BOX_W}
                height={BOX_H}
                rx="6"
                fill={n.unreachable ? '#fef0c8' : n.terminal ? '#e7f4e4' : '#ffffff'}
                stroke={n.unreachable ? '#936f38' : '#1b1b1b'}
                strokeWidth={n.terminal ? 3 : 1.5}
                strokeDasharray={n.unreachable ? '6 4' : undefined}
              />
              {n.terminal && (
                <rect x={n.x - BOX_W / 2 + 4} y={n.y - BOX_H / 2 + 4} width={BOX_W - 8} height={BOX_H - 8} rx="4" fill="none" stroke="#1b1b1b" />
              )}
              {wrap(n.title, n.unreachable ? 1 : 2).map((line, i, all) => (
                <text
                  key={line}
                  x={n.x}
                  y={n.y + (i - (all.length - 1) / 2) * 15 - (n.unreachable ? 7 : 0)}
                  textAnchor="middle"
                  dominantBaseline="middle"
                  fontSize="13"
                  fontWeight="bold"
                  fill="#1b1b1b"
                >
                  {line}
                </text>
              ))}
              {n.unreachable && (
                <text x={n.x} y={n.y + 12} textAnchor="middle" dominantBaseline="middle" fontSize="12" fill="#5c4809">
                  {s('workflow.diagram.unreachableMark')}
                </text>
              )}
            </g>
          ))}
        </svg>
      </section>
      <figcaption className="margin-top-1">
        {s('workflow.diagram.caption')}{' '}
        {lost.length > 0 ? (
          <strong data-testid="unreachable-states">
            {s('workflow.diagram.unreachable', { states: lost.map((n) => `${n.title} (${n.id})`).join(', '), count: lost.length })}
          </strong>
        ) : (
          s('workflow.diagram.allReachable')
        )}
      </figcaption>
    </figure>
  );
}

function EdgeLabel({ lines, x, y }: { lines: string[]; x: number; y: number }) {
  const height = lines.length * 15 + 4;
  return (
    <g>
      <rect x={x - LABEL_W / 2} y={y - height / 2} width={LABEL_W} height={height} fill="#ffffff" opacity="0.92" rx="3" />
      {lines.map((line, i) => (
        <text key={line} x={x} y={y + (i - (lines.length - 1) / 2) * 15} textAnchor="middle" dominantBaseline="middle" fontSize="12" fill="#1b1b1b">
          {line}
        </text>
      ))}
    </g>
  );
}

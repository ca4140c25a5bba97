/**
 * RFC 9293 Figure 5, the TCP connection state diagram, with A and B standing in their current states and
 * the transition each took last lit. A transition the figure leaves out (a RST, a crash, an abort: the
 * RFC's note 3) is drawn as a dashed arc and explained in a caption under the diagram. The figure's note 1
 * and its two CLOSED boxes are explained under it too; each state box is a <Term> (an HTML button laid
 * over the drawing, since the SVG is one image) that shows the state's definition.
 */
import { type CSSProperties, type JSX, useId } from 'react';
import { citation } from '../../i18n/citation';
import type { Figure5Label } from '../../i18n/glossary';
import { useApp } from '../../store';
import { selectEvents } from '../../store/selectors';
import type { EndpointName, State, StateEvent } from '../../tcp/types';
import { useMessages } from '../i18n';
import {
  arcPath,
  BOX_HEIGHT,
  BOX_WIDTH,
  EDGES,
  edgeKey,
  type FigureEdge,
  figureEdgeOf,
  lastStateEventIndex,
  NODES,
  type NodeId,
  nodeFor,
  type StateNode,
  VIEW_HEIGHT,
  VIEW_WIDTH,
} from '../stateGraph';
import { Term } from './Term';
import './state-diagram.css';

const ENDPOINTS: readonly EndpointName[] = ['A', 'B'];

/** What one endpoint's last transition looks like on the figure. */
interface Taken {
  endpoint: EndpointName;
  event: StateEvent;
  /** The figure's edge, or undefined when the figure does not draw this transition. */
  edge: FigureEdge | undefined;
  from: NodeId;
  to: NodeId;
}

function taken(endpoint: EndpointName, event: StateEvent | undefined): Taken | undefined {
  if (!event) return undefined;
  const edge = figureEdgeOf(event);
  return {
    endpoint,
    event,
    edge,
    from: edge?.from ?? event.from,
    to: edge?.to ?? nodeFor(event.to, event),
  };
}

/** "A B", "A", "B" or undefined: which endpoints a node or edge belongs to, as a data attribute. */
function who(names: EndpointName[]): string | undefined {
  return names.length > 0 ? names.join(' ') : undefined;
}

export function StateDiagram(): JSX.Element {
  const { t, cat } = useMessages();
  const ids = useId();
  // Primitives only: zustand 5 re-renders forever on a selector that returns a fresh object.
  const stateA = useApp((s) => s.timeline.stateAt(s.cursor).A.state);
  const stateB = useApp((s) => s.timeline.stateAt(s.cursor).B.state);
  const lastA = useApp((s) => lastStateEventIndex(s.timeline.trace, s.cursor, 'A'));
  const lastB = useApp((s) => lastStateEventIndex(s.timeline.trace, s.cursor, 'B'));
  const events = useApp(selectEvents);

  const eventAt = (i: number) => (i >= 0 ? (events[i] as StateEvent | undefined) : undefined);
  const lastEvent: Record<EndpointName, StateEvent | undefined> = { A: eventAt(lastA), B: eventAt(lastB) };
  const states: Record<EndpointName, State> = { A: stateA, B: stateB };
  const standsIn: Record<EndpointName, NodeId> = {
    A: nodeFor(stateA, lastEvent.A),
    B: nodeFor(stateB, lastEvent.B),
  };
  const transitions = ENDPOINTS.map((ep) => taken(ep, lastEvent[ep])).filter(
    (x): x is Taken => x !== undefined,
  );
  const offFigure = transitions.filter((x) => x.edge === undefined);
  const litBy = (key: string, onFigure: boolean) =>
    who(
      transitions
        .filter((x) => (x.edge !== undefined) === onFigure && edgeKey(x.from, x.to) === key)
        .map((x) => x.endpoint),
    );

  const label = (text: Figure5Label) => cat.figure5[text];
  const cites = (sections: string[]) => t('paren', { text: sections.map(citation).join(t('sepList')) });
  const name = `${t('stateDiagram')}${t('sepColon')}${ENDPOINTS.map((ep) => `${t('stateOf', { name: ep })}${t('sepColon')}${states[ep]}`).join(t('sepList'))}`;
  const arrow = `${ids}-arrow`;
  const arrowLit = `${ids}-arrow-lit`;
  const both = `${ids}-both`;

  // Off-figure arcs joining the same two boxes (both endpoints reset at once) are drawn once.
  const arcs = [...new Map(offFigure.map((x) => [edgeKey(x.from, x.to), x])).entries()];

  return (
    <figure className="state-diagram">
      <figcaption>
        <span className="state-diagram__title">{t('stateDiagram')}</span>{' '}
        <span className="state-diagram__hint">{t('stateDiagramHint')}</span>
        <span className="state-diagram__hint state-diagram__hint--terms">{t('sdTermHint')}</span>
      </figcaption>
      <div className="state-diagram__canvas">
        <svg
          className="state-diagram__svg"
          viewBox={`0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}`}
          width="100%"
          role="img"
          aria-label={name}
        >
          <defs>
            <marker
              id={arrow}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto"
            >
              <path className="sd-arrowhead" d="M0,0 L10,5 L0,10 z" />
            </marker>
            <marker
              id={arrowLit}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="5"
              markerHeight="5"
              orient="auto"
            >
              <path className="sd-arrowhead sd-arrowhead--lit" d="M0,0 L10,5 L0,10 z" />
            </marker>
            <linearGradient id={both} x1="0" x2="1" y1="0" y2="0">
              <stop offset="50%" className="sd-stop-a" />
              <stop offset="50%" className="sd-stop-b" />
            </linearGradient>
          </defs>

          {EDGES.map((edge) => {
            const key = edgeKey(edge.from, edge.to);
            const lit = litBy(key, true);
            return (
              <g
                key={key}
                className={lit ? 'sd-edge sd-edge--lit' : 'sd-edge'}
                data-edge={key}
                data-lit={lit}
              >
                {lit && <path className="sd-edge__casing" d={edge.path} />}
                <path className="sd-edge__line" d={edge.path} markerEnd={`url(#${lit ? arrowLit : arrow})`} />
                <text className="sd-edge__label" x={edge.labelX} y={edge.labelY} textAnchor={edge.anchor}>
                  <tspan x={edge.labelX}>{label(edge.event)}</tspan>
                  {edge.action && (
                    <tspan x={edge.labelX} dy="12">
                      {label(edge.action)}
                    </tspan>
                  )}
                </text>
              </g>
            );
          })}

          {arcs.map(([key, x]) => {
            const d = arcPath(x.from, x.to);
            return (
              <g
                key={`off-${key}`}
                className="sd-edge sd-edge--lit sd-edge--off"
                data-offfigure={key}
                data-lit={litBy(key, false)}
              >
                <path className="sd-edge__casing" d={d} />
                <path className="sd-edge__line" d={d} markerEnd={`url(#${arrowLit})`} />
              </g>
            );
          })}

          {NODES.map((node) => (
            <StateBox
              key={node.id}
              node={node}
              here={ENDPOINTS.filter((ep) => standsIn[ep] === node.id)}
              bothFill={`url(#${both})`}
            />
          ))}
        </svg>
        {NODES.map((node) => (
          <Term
            key={node.id}
            term={node.state}
            label={node.label}
            className="sd-hit"
            style={hitArea(node)}
            extra={
              node.id === 'CLOSED'
                ? t('sdClosedStart')
                : node.id === 'CLOSED-end'
                  ? t('sdClosedEnd')
                  : undefined
            }
          />
        ))}
      </div>
      <dl className="state-diagram__legend">
        <div>
          <dt>{t('sdNote1Label')}</dt>
          <dd>
            {t('sdNote1')}
            <span className="state-diagram__cite">{cites(['3.3.2', '3.10.7.4'])}</span>
          </dd>
        </div>
        <div>
          <dt>{t('sdClosedTwiceLabel')}</dt>
          <dd>
            {t('sdClosedTwice')}
            <span className="state-diagram__cite">{cites(['3.3.2'])}</span>
          </dd>
        </div>
      </dl>
      {offFigure.length > 0 && (
        <div className="state-diagram__notes">
          {offFigure.map((x) => (
            <p key={x.endpoint} className="state-diagram__note" data-offfigure-note={x.endpoint}>
              <span className="state-diagram__transition">
                {x.endpoint}: {x.event.from} → {x.event.to}
              </span>{' '}
              — {cat.explain[x.event.explain]}
              {x.event.rfc && <span className="state-diagram__cite"> ({citation(x.event.rfc)})</span>}
            </p>
          ))}
        </div>
      )}
    </figure>
  );
}

/** Where a state's box sits over the drawing, as percentages of it (the SVG scales with its width). */
function hitArea(node: StateNode): CSSProperties {
  return {
    left: `${((node.x - BOX_WIDTH / 2) / VIEW_WIDTH) * 100}%`,
    // The box's middle: the CSS moves the button up by half its height (which grows to 44 px on touch).
    top: `${(node.y / VIEW_HEIGHT) * 100}%`,
    width: `${(BOX_WIDTH / VIEW_WIDTH) * 100}%`,
    height: `${(BOX_HEIGHT / VIEW_HEIGHT) * 100}%`,
  };
}

interface StateBoxProps {
  node: StateNode;
  /** The endpoints standing in this box. */
  here: EndpointName[];
  bothFill: string;
}

function StateBox({ node, here, bothFill }: StateBoxProps): JSX.Element {
  // A lesson step asks the student to watch this box (for A, B or both).
  const watched = useApp((s) =>
    s.lessonRun?.timeline === s.timeline
      ? ENDPOINTS.filter((ep) => s.lessonRun?.highlights.states.has(`${ep}:${node.state}`)).join('')
      : '',
  );
  const left = node.x - BOX_WIDTH / 2;
  const top = node.y - BOX_HEIGHT / 2;
  const modifier = here.length === 2 ? ' sd-node--both' : here.length === 1 ? ` sd-node--${here[0]}` : '';
  return (
    <g
      className={`sd-node${modifier}${watched ? ' sd-node--watched' : ''}`}
      data-node={node.id}
      data-state={node.state}
      data-current={who(here)}
      data-watched={watched || undefined}
    >
      <rect
        className="sd-node__box"
        x={left}
        y={top}
        width={BOX_WIDTH}
        height={BOX_HEIGHT}
        rx="8"
        style={here.length === 2 ? { fill: bothFill } : undefined}
      />
      <text className="sd-node__label" x={node.x} y={node.y} textAnchor="middle" dominantBaseline="central">
        {node.label}
      </text>
      {here.map((ep, i) => {
        // Badges sit on the box's top edge, right-aligned: B rightmost when both are here.
        const cx = left + BOX_WIDTH - 12 - (here.length - 1 - i) * 22;
        return (
          <g key={ep} className={`sd-badge sd-badge--${ep}`}>
            <circle cx={cx} cy={top} r="9" />
            <text x={cx} y={top} textAnchor="middle" dominantBaseline="central">
              {ep}
            </text>
          </g>
        );
      })}
    </g>
  );
}

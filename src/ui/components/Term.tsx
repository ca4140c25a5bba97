/**
 * A term a student may not know (a TCB variable, a flag, a state, a header field), with its definition
 * and the RFC section that defines it. The term is a button described by a tooltip (aria-describedby):
 * the tooltip opens on hover, keyboard focus and tap or click, stays open while the pointer is over it,
 * and closes on Esc, on blur, on a tap elsewhere or a second tap. Click or tap pins it open.
 *
 * The tooltip is rendered outside the term (in the page's <main>, so it keeps the theme) so that the text
 * of a table cell or a badge stays just the term, and so that no panel's overflow clips it.
 */
import {
  type CSSProperties,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { createPortal } from 'react-dom';
import { citation } from '../../i18n/citation';
import { GLOSSARY_CITES, type GlossaryTerm, isHeaderField } from '../../i18n/glossary';
import { useMessages } from '../i18n';
import './term.css';

interface TermProps {
  term: GlossaryTerm;
  /** What the term reads as (default: the term as the RFC writes it, or the field's translated name). */
  children?: ReactNode;
  /** The accessible name, when the visible text is elsewhere (a box of the state diagram's drawing). */
  label?: string;
  /** A sentence added after the definition (e.g. why this box of the state diagram is drawn twice). */
  extra?: string;
  className?: string;
  style?: CSSProperties;
}

/** Only one tooltip is open at a time: opening one closes the other. */
let closeOpenTooltip: (() => void) | null = null;

/** How long the pointer may take to travel from the term to its tooltip before it closes. */
const LEAVE_GRACE_MS = 150;
const MARGIN = 8;

export function Term({ term, children, label, extra, className, style }: TermProps) {
  const { t, cat } = useMessages();
  const tipId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const tipRef = useRef<HTMLSpanElement>(null);
  const [open, setOpen] = useState(false);
  const pinned = useRef(false);
  const leaveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [host, setHost] = useState<HTMLElement | null>(null);
  const [position, setPosition] = useState<{ top: number; left: number }>({ top: 0, left: 0 });

  useLayoutEffect(() => {
    // Inside <main> when there is one, so the open tooltip is within a landmark; inside `.app` for the theme.
    const button = buttonRef.current;
    setHost(button?.closest<HTMLElement>('main') ?? button?.closest<HTMLElement>('.app') ?? document.body);
  }, []);

  const cancelLeave = () => clearTimeout(leaveTimer.current);

  const close = useCallback(() => {
    clearTimeout(leaveTimer.current);
    pinned.current = false;
    setOpen(false);
    if (closeOpenTooltip === closeRef.current) closeOpenTooltip = null;
  }, []);
  const closeRef = useRef(close);
  closeRef.current = close;

  const show = () => {
    cancelLeave();
    if (closeOpenTooltip && closeOpenTooltip !== closeRef.current) closeOpenTooltip();
    closeOpenTooltip = closeRef.current;
    const rect = buttonRef.current?.getBoundingClientRect();
    if (rect) setPosition({ top: rect.bottom + 6, left: rect.left });
    setOpen(true);
  };

  const leaveSoon = () => {
    if (pinned.current) return;
    cancelLeave();
    leaveTimer.current = setTimeout(close, LEAVE_GRACE_MS);
  };

  // Keep the tooltip inside the viewport: shift it left, or put it above the term near the bottom edge.
  useLayoutEffect(() => {
    if (!open) return;
    const tip = tipRef.current;
    const anchor = buttonRef.current?.getBoundingClientRect();
    if (!tip || !anchor) return;
    const box = tip.getBoundingClientRect();
    const width = window.innerWidth;
    const height = window.innerHeight;
    const left = Math.max(MARGIN, Math.min(anchor.left, width - box.width - MARGIN));
    const below = anchor.bottom + 6;
    const top =
      below + box.height > height - MARGIN && anchor.top - box.height - 6 >= MARGIN
        ? anchor.top - box.height - 6
        : below;
    if (left !== position.left || top !== position.top) setPosition({ top, left });
  }, [open, position]);

  // While open: Esc anywhere, or a tap or click elsewhere, closes it.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    const onPointerDown = (e: PointerEvent) => {
      const target = e.target as Node | null;
      if (target && (buttonRef.current?.contains(target) || tipRef.current?.contains(target))) return;
      close();
    };
    // A scroll (the page, or a panel following the playback) moves the term: the tooltip follows it.
    const onScroll = () => {
      const rect = buttonRef.current?.getBoundingClientRect();
      if (rect) setPosition({ top: rect.bottom + 6, left: rect.left });
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointerDown);
    window.addEventListener('scroll', onScroll, true);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointerDown);
      window.removeEventListener('scroll', onScroll, true);
    };
  }, [open, close]);

  useEffect(() => () => close(), [close]);

  const name = isHeaderField(term) ? t(term) : term;
  const cites = GLOSSARY_CITES[term].map(citation).join(t('sepList'));
  const tip = (
    <span
      ref={tipRef}
      id={tipId}
      role="tooltip"
      className="term-tip"
      hidden={!open}
      style={{ top: position.top, left: position.left }}
      onPointerEnter={cancelLeave}
      onPointerLeave={(e) => {
        if (e.pointerType === 'mouse') leaveSoon();
      }}
    >
      {open ? (
        <>
          <span className="term-tip__name">{name}</span>
          {t('sepColon')}
          {cat.glossary[term]}
          {extra && <span className="term-tip__extra">{extra}</span>}
          <cite className="term-tip__cite">{cites}</cite>
        </>
      ) : (
        // Closed, it is only a description: one text node, so dozens of terms add few elements to the page.
        [`${name}${t('sepColon')}${cat.glossary[term]}`, extra, cites].filter(Boolean).join(' ')
      )}
    </span>
  );

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={className ? `term ${className}` : 'term'}
        aria-describedby={tipId}
        data-term={term}
        aria-label={label}
        style={style}
        onPointerEnter={(e) => {
          if (e.pointerType === 'mouse') show();
        }}
        onPointerLeave={(e) => {
          if (e.pointerType === 'mouse') leaveSoon();
        }}
        onFocus={show}
        onBlur={close}
        onClick={() => {
          if (open && pinned.current) {
            close();
            return;
          }
          show();
          pinned.current = true;
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            // Esc closes the tooltip and nothing else (not a dialog around it).
            e.stopPropagation();
            close();
          }
        }}
      >
        {label === undefined && (children ?? name)}
      </button>
      {host && createPortal(tip, host)}
    </>
  );
}

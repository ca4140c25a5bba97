/**
 * How students find the class, on the teacher's panel (issue 11): the join code, the QR code, the join link
 * with Copy, and the room view (code and QR code over the whole viewport for the projector).
 */
import { useEffect, useRef, useState } from 'react';
import './teach-room.css';
import { QrCode } from './QrCode';
import type { TeachT } from './teachText';

export function JoinCode({ t, code }: { t: TeachT; code: string }) {
  return (
    <p className="teach-code-line">
      <span className="teach-label">{t('joinCode')}</span>
      <span className="teach-code mono" data-testid="class-code">
        {code}
      </span>
    </p>
  );
}

export function JoinQr({ t, joinUrl, className }: { t: TeachT; joinUrl: string; className: string }) {
  return <QrCode className={className} text={joinUrl} label={t('qrFor', { url: joinUrl })} />;
}

export function JoinLink({ t, joinUrl }: { t: TeachT; joinUrl: string }) {
  const [copied, setCopied] = useState<'copied' | 'copyFailed' | null>(null);
  const copy = () => {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (!clipboard) return setCopied('copyFailed');
    clipboard.writeText(joinUrl).then(
      () => setCopied('copied'),
      () => setCopied('copyFailed'),
    );
  };
  return (
    <div className="teach-url">
      <span className="teach-label">{t('joinUrl')}</span>
      <span className="teach-url-row">
        {/* Text, not an input: a projected link is read whole, never cut at the box's edge. */}
        <code className="teach-url-text mono" data-testid="join-url">
          <BreakableUrl url={joinUrl} />
        </code>
        <button type="button" onClick={copy}>
          {t('copy')}
        </button>
      </span>
      <span className="hint" role="status">
        {copied && t(copied)}
      </span>
    </div>
  );
}

/** A link that wraps after its slashes and before its query rather than inside a word (`<wbr>`). */
function BreakableUrl({ url }: { url: string }) {
  const parts = url.split(/(?<=\/)(?!\/)|(?=\?)/);
  return (
    <>
      {parts.map((part, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed split of one string
        <span key={i}>
          {i > 0 && <wbr />}
          {part}
        </span>
      ))}
    </>
  );
}

/** The code and QR code over the whole viewport, for the room to read and scan (Escape goes back). */
export function RoomView({
  t,
  code,
  joinUrl,
  onClose,
}: {
  t: TeachT;
  code: string;
  joinUrl: string;
  onClose: () => void;
}) {
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    back.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="teach-room" role="dialog" aria-modal="true" aria-label={t('roomTitle')}>
      <div className="teach-room-text">
        <h2>{t('roomTitle')}</h2>
        <p className="teach-room-code mono">{code}</p>
        <p className="teach-room-url mono">
          <BreakableUrl url={joinUrl} />
        </p>
        <p className="teach-room-hint">{t('roomHint')}</p>
        <button ref={back} type="button" onClick={onClose}>
          {t('backToPanel')}
        </button>
      </div>
      <JoinQr t={t} joinUrl={joinUrl} className="teach-room-qr" />
    </div>
  );
}

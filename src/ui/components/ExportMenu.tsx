/**
 * "Export ▾": a disclosure (<details>) holding the export buttons: the scenario as JSON, the trace as a
 * pcap (at each sender, or as seen at A or at B), and the sequence diagram as SVG or PNG, each named after the
 * scenario and its profile ("lost-syn-ack.linux.pcap", "lost-syn-ack.linux.at-A.pcap"). The pcap writer
 * and the SVG export are loaded when used. Escape or a click elsewhere closes it; a choice closes it and
 * returns focus to its button.
 */
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { appStore } from '../../store';
import type { EndpointName } from '../../tcp/types';
import { download } from '../download';
import { ladderText } from '../format';
import { type Messages, useMessages } from '../i18n';
import { exportBase, saveScenarioJson } from '../saveScenario';

type Choice = 'json' | 'pcap' | 'pcap-A' | 'pcap-B' | 'svg' | 'png';

/**
 * The whole run's ladder, as the page draws it (language, relative numbers, text size, theme), under a
 * title line with the scenario's name and the profile (the caller names the file after both).
 */
async function ladderFile(m: Messages, title: string, within: Element | null) {
  const s = appStore().getState();
  const [{ ladderSvg, themeOf }, { drawWholeLadder }] = await Promise.all([
    import('../exportLadder'),
    import('../wholeLadder'),
  ]);
  const app = within?.closest('.app') ?? document.documentElement;
  const probe = document.querySelector('.ladder-font-probe');
  const fontSize = (probe && Number.parseFloat(getComputedStyle(probe).fontSize)) || 12;
  const onScreen = document.querySelector('[data-testid="ladder-svg"]')?.getAttribute('viewBox');
  const profile = s.timeline.trace.scenario.profile;
  const heading = m.t('ladderExportHeading', {
    title,
    profile: profile === 'rfc' ? m.t('profileRfc') : m.t('profileLinux'),
  });
  const drawing = drawWholeLadder({
    trace: s.timeline.trace,
    text: ladderText(m.t, s.timeline, s.relativeSeq),
    fontSize,
    width: Number(onScreen?.split(' ')[2]) || 0,
    heading,
  });
  return ladderSvg(drawing, themeOf(app), heading);
}

/** `title` is the scenario's title as the header shows it (it heads an exported diagram). */
export function ExportMenu({ title }: { title: string }) {
  const m = useMessages();
  const { t } = m;
  const details = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      const el = details.current;
      if (el && !el.contains(e.target as Node)) el.open = false;
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const close = () => {
    const el = details.current;
    if (!el) return;
    el.open = false;
    el.querySelector('summary')?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && details.current?.open) {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  const run = async (choice: Choice) => {
    close();
    setFailure(null);
    const s = appStore().getState();
    // "lost-syn-ack.linux": the scenario and the profile it ran under, whatever the page's language.
    const base = exportBase();
    try {
      if (choice === 'json') {
        saveScenarioJson();
      } else if (choice === 'svg' || choice === 'png') {
        const file = await ladderFile(m, title, details.current);
        if (choice === 'svg') download(new Blob([file.svg], { type: 'image/svg+xml' }), `${base}.ladder.svg`);
        else download(await (await import('../exportLadder')).svgToPng(file), `${base}.ladder.png`);
      } else {
        const at: EndpointName | undefined =
          choice === 'pcap-A' ? 'A' : choice === 'pcap-B' ? 'B' : undefined;
        const { traceToPcap } = await import('../../interop/pcap-write');
        const bytes = traceToPcap(s.timeline.trace, at ? { captureAt: at } : {});
        download(
          new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.tcpdump.pcap' }),
          `${base}${at ? `.at-${at}` : ''}.pcap`,
        );
      }
    } catch (e) {
      setFailure(t('exportFailed', { reason: e instanceof Error ? e.message : String(e) }));
    }
  };

  const item = (choice: Choice, label: string) => (
    <li>
      <button type="button" onClick={() => run(choice)}>
        {label}
      </button>
    </li>
  );

  return (
    <>
      <details
        className="menu"
        ref={details}
        onToggle={(e) => setOpen(e.currentTarget.open)}
        onKeyDown={onKeyDown}
      >
        <summary>
          {t('exportMenu')} <span aria-hidden="true">▾</span>
        </summary>
        <ul className="menu-list">
          {item('json', t('exportJson'))}
          {item('pcap', t('exportPcap'))}
          {item('pcap-A', t('exportPcapAt', { name: 'A' }))}
          {item('pcap-B', t('exportPcapAt', { name: 'B' }))}
          {item('svg', t('exportSvg'))}
          {item('png', t('exportPng'))}
        </ul>
      </details>
      {failure && (
        <output className="share-note" aria-live="polite">
          {failure}{' '}
          <button type="button" onClick={() => setFailure(null)}>
            {t('dismiss')}
          </button>
        </output>
      )}
    </>
  );
}

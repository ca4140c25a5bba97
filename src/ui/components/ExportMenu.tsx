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
import { exportBaseName } from '../exportName';
import { useMessages } from '../i18n';
import { exportTitle, titleState } from '../scenarioTitle';

type Choice = 'json' | 'pcap' | 'pcap-A' | 'pcap-B' | 'svg' | 'png';

export function ExportMenu() {
  const { t } = useMessages();
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
    const base = exportBaseName({
      ...exportTitle(titleState(s)),
      profile: s.timeline.trace.scenario.profile,
    });
    try {
      if (choice === 'json') {
        download(new Blob([s.exportJson()], { type: 'application/json' }), `${base}.json`);
      } else if (choice === 'svg' || choice === 'png') {
        const svgEl = document.querySelector<SVGSVGElement>('[data-testid="ladder-svg"]');
        const app = details.current?.closest('.app') ?? document.documentElement;
        if (!svgEl) throw new Error('no sequence diagram on the page');
        const { ladderSvg, svgToPng, themeOf } = await import('../exportLadder');
        const file = ladderSvg(svgEl, themeOf(app), t('ladder'));
        if (choice === 'svg') download(new Blob([file.svg], { type: 'image/svg+xml' }), `${base}.ladder.svg`);
        else download(await svgToPng(file), `${base}.ladder.png`);
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

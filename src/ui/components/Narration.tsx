/** The narration line for the event under the cursor. */
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../store';
import { labeler } from '../format';
import { useMessages } from '../i18n';
import { narrate } from '../narration';
import { scenarioTitle, titleState } from '../scenarioTitle';

export function Narration() {
  const m = useMessages();
  const timeline = useApp((s) => s.timeline);
  const cursor = useApp((s) => s.cursor);
  const relative = useApp((s) => s.relativeSeq);
  const titled = useApp(useShallow(titleState));
  const { presetName, capture, editedFrom } = titled;
  const presets = m.cat.presets as Record<string, { title: string; description: string }>;
  // An edited preset is introduced by its title, marked as edited, and the preset's description, both in the
  // reader's language; an edited capture by its title (the inferred description is English data).
  const preset = presetName ?? (editedFrom?.kind === 'preset' ? editedFrom.name : null);
  const title =
    preset && presets[preset]
      ? `${scenarioTitle(m, titled)}${m.t('sepSentence')}${presets[preset].description}`
      : capture
        ? m.t('narrationCapture', { point: capture.replay.capturePoint, ms: capture.replay.latencyMs })
        : editedFrom?.kind === 'capture'
          ? `${scenarioTitle(m, titled)}${m.t('sepSentence')}`
          : timeline.trace.scenario.description;
  return <NarrationPanel text={narrate(timeline, cursor, m, title, labeler(timeline, relative), relative)} />;
}

/** The narration panel around a text: the v1 page's and the world view's (src/ui/world) alike. */
export function NarrationPanel({ text }: { text: string }) {
  const m = useMessages();
  return (
    <section className="panel narration" aria-labelledby="narration-title">
      <h2 id="narration-title">{m.t('narration')}</h2>
      <p aria-live="polite" data-testid="narration">
        {text}
      </p>
    </section>
  );
}

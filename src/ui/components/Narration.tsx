/** The narration line for the event under the cursor. */
import { useApp } from '../../store';
import { labeler } from '../format';
import { useMessages } from '../i18n';
import { narrate } from '../narration';

export function Narration() {
  const m = useMessages();
  const timeline = useApp((s) => s.timeline);
  const cursor = useApp((s) => s.cursor);
  const presetName = useApp((s) => s.presetName);
  const relative = useApp((s) => s.relativeSeq);
  const capture = useApp((s) => s.capture);
  const presets = m.cat.presets as Record<string, { title: string; description: string }>;
  const title =
    presetName && presets[presetName]
      ? `${presets[presetName].title}${m.t('sepSentence')}${presets[presetName].description}`
      : capture
        ? m.t('narrationCapture', { point: capture.replay.capturePoint, ms: capture.replay.latencyMs })
        : timeline.trace.scenario.description;
  const text = narrate(timeline, cursor, m, title, labeler(timeline, relative), relative);
  return (
    <section className="panel narration" aria-labelledby="narration-title">
      <h2 id="narration-title">{m.t('narration')}</h2>
      <p aria-live="polite" data-testid="narration">
        {text}
      </p>
    </section>
  );
}

/**
 * What the teacher's lesson step says, on the student's page (issue 11): when the teacher follows a shipped
 * lesson, every `state` event names it and its step, and the student reads the same title, "Step 3 of 7"
 * and step text the projector shows (in the student's own language). The lessons load with this view's
 * first lesson state, not before. Nothing here is the teacher's checkpoint: questions come as questions.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Lesson } from '../../../lessons/types';
import { useApp } from '../../../store';
import { useMessages } from '../../i18n';
import { useLessonText } from '../lessonText';

type LessonsModule = typeof import('../../../lessons/index');
let lessons: Promise<LessonsModule> | null = null;

export function StudentLesson() {
  const t = useLessonText();
  const { lang } = useMessages();
  const at = useApp(
    useShallow((s) => ({ id: s.classroom?.latest?.lesson ?? null, step: s.classroom?.latest?.step ?? null })),
  );
  const [lesson, setLesson] = useState<Lesson | null>(null);
  useEffect(() => {
    if (at.id === null) return;
    let live = true;
    lessons ??= import('../../../lessons/index');
    void lessons.then((mod) => {
      if (live) setLesson(mod.loadLesson(at.id as string) ?? null);
    });
    return () => {
      live = false;
    };
  }, [at.id]);
  if (at.id === null || at.step === null || lesson === null || lesson.id !== at.id) return null;
  const step = lesson.steps[at.step];
  if (!step) return null;
  return (
    <section className="class-lesson" aria-labelledby="class-lesson-title">
      <h2 id="class-lesson-title">{lesson.title[lang]}</h2>
      <p className="lesson-step-of">{t('stepOf', { n: at.step + 1, total: lesson.steps.length })}</p>
      <p className="lesson-text">{step.text[lang]}</p>
    </section>
  );
}

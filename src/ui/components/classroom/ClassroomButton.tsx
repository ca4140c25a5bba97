/** The header's "Classroom" button, shown once the server said it runs a classroom (GET /api/info). */
import { appStore } from '../../../store';
import { useClassroomText } from './text';

export function ClassroomButton() {
  const t = useClassroomText();
  return (
    <button type="button" aria-haspopup="dialog" onClick={() => appStore().getState().openClassroom()}>
      {t('classroom')}
    </button>
  );
}

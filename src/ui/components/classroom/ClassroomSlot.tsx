/**
 * The classroom on the page (issue 11), a chunk loaded once a class is joined or started: the student's
 * bar and question, or the teacher's panel. App renders it only while `classroom` is set.
 */
import { useApp } from '../../../store';
import { StudentBar } from './StudentBar';
import { StudentLesson } from './StudentLesson';
import { StudentQuestion } from './StudentQuestion';
import { TeacherPanel } from './TeacherPanel';
import './classroom.css';

export function ClassroomSlot() {
  const role = useApp((s) => s.classroom?.role ?? null);
  if (role === 'teacher') return <TeacherPanel />;
  if (role !== 'student') return null;
  return (
    <div className="class-student">
      <StudentBar />
      <StudentLesson />
      <StudentQuestion />
    </div>
  );
}

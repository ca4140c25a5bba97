/** The teacher's panel: written by the teacher helper (issue 11); a placeholder in the client branch. */
export function TeacherPanel() {
  return null;
}

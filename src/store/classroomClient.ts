/**
 * The classroom's network client (issue 11): a placeholder until the client lands. Every action reports
 * that the classroom is not available yet.
 */
import type { ClassroomActions, ClassroomApi } from './classroom';

export function createClassroomClient(_api: ClassroomApi): ClassroomActions {
  const no = async () => false;
  return {
    startClass: no,
    joinClass: no,
    resumeClass: no,
    ask: no,
    reveal: no,
    resetQuestion: no,
    setAnonymous: no,
    endClass: no,
    sendAnswer: no,
    rejoinLive: () => {},
    leaveClass: () => {},
  };
}

/** The classroom chunk's entry (issue 11): what App and Header load lazily. */
export { ClassroomButton } from './ClassroomButton';
export { ClassroomDialog } from './ClassroomDialog';
export { ClassroomSlot } from './ClassroomSlot';

/** Download the scenario on screen as its JSON file, named after it ("lost-syn-ack.linux.json"). */
import { appStore } from '../store';
import { download } from './download';
import { exportBaseName } from './exportName';
import { exportTitle, titleState } from './scenarioTitle';

/** The file name of the scenario's exports, without extension, whatever the page's language. */
export function exportBase(): string {
  const s = appStore().getState();
  return exportBaseName({ ...exportTitle(titleState(s)), profile: s.timeline.trace.scenario.profile });
}

export function saveScenarioJson(): void {
  const s = appStore().getState();
  download(new Blob([s.exportJson()], { type: 'application/json' }), `${exportBase()}.json`);
}

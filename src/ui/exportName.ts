/** What every exported file is called: the scenario and the profile, so downloads from two runs never clash. */
import type { Profile } from '../tcp/types';

/**
 * "lost-syn-ack.linux": a preset's id as it is (pass the id of an unedited preset), else a lowercase
 * ASCII slug of the scenario's title ("Custom: Lost SYN,ACK" → "custom-lost-syn-ack"; accents dropped),
 * "scenario" when nothing is left of it; then the profile. The caller adds the extension.
 */
export function exportBaseName(scenarioTitleOrPresetId: string, profile: Profile): string {
  const slug = scenarioTitleOrPresetId
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${slug || 'scenario'}.${profile}`;
}

/**
 * The base of an exported file's name: which scenario, under which profile ("lost-syn-ack.linux"), so the
 * files of several runs can sit side by side in a Downloads folder. An unedited preset is named by its id (a
 * profile switch is not an edit); anything else by a lowercase ASCII slug of its title, or "scenario" when
 * the title has no ASCII letters or digits.
 */
export function exportBaseName(opts: {
  preset: string | null;
  title: string;
  profile: 'rfc' | 'linux';
}): string {
  return `${opts.preset ?? slug(opts.title)}.${opts.profile}`;
}

const MAX_SLUG = 80;

/** "Lost SYN,ACK (Linux)" → "lost-syn-ack-linux"; accents are dropped ("Café" → "cafe"). */
function slug(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const words = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return words.slice(0, MAX_SLUG).replace(/-+$/, '') || 'scenario';
}

/**
 * English labels of the browser UI (buttons, headings, hints, narration templates). The zh-CN file is
 * typed `UiCatalog`, so a missing key fails the typecheck. `{name}` placeholders are filled by `format`.
 */
export const uiEn = {
  appTitle: 'synack',
  // punctuation, so sentences assembled from parts read right in each language
  sepSentence: '. ',
  sepColon: ': ',
  sepList: ', ',
  sepItems: '; ',
  paren: ' ({text})',
  tagline: 'TCP handshake and teardown, step by step (RFC 9293)',
  skipToMain: 'Skip to the simulator',
  // header
  gallery: 'Scenarios',
  galleryTitle: 'Scenario gallery',
  galleryHint: 'Pick a lesson. Every scenario can be changed with the fault buttons and shared as a link.',
  close: 'Close',
  custom: 'Custom scenario',
  profile: 'Profile',
  profileRfc: 'RFC',
  profileLinux: 'Linux',
  language: 'Language',
  theme: 'Theme',
  themeLight: 'Light',
  themeDark: 'Dark',
  presenter: 'Presenter mode',
  relativeSeq: 'Relative seq',
  relativeSeqHint: 'Show sequence and acknowledgment numbers relative to each side’s ISN, as Wireshark does',
  share: 'Copy link',
  shareCopied: 'Link copied: it opens this scenario at this moment.',
  shareManual: 'Copy this link:',
  importFile: 'Import…',
  importFileHint:
    'Open a scenario (.json) or a capture (.pcap, .pcapng); you can also drop a file on the page',
  dropOverlay: 'Drop a scenario (.json) or a capture (.pcap, .pcapng)',
  exportMenu: 'Export',
  exportJson: 'Scenario (.json)',
  exportPcap: 'Capture, each segment as sent (.pcap)',
  exportPcapAt: 'Capture as seen at {name} (.pcap)',
  exportSvg: 'Sequence diagram (.svg)',
  exportPng: 'Sequence diagram (.png)',
  exportFailed: 'The export failed: {reason}',
  undo: 'Undo',
  redo: 'Redo',
  // stage
  client: 'client',
  server: 'server',
  endpoint: 'Endpoint {name}',
  stateOf: 'State of {name}',
  wire: 'Network',
  wireLabel: 'Segments in flight between A and B',
  inFlightNone: 'nothing in flight',
  dropHint: 'Click a segment in flight to drop it',
  dropSegment: 'Drop segment #{id} ({segment})',
  lostMark: 'lost',
  rtx: 'retransmission',
  injected: 'injected',
  duplicate: 'duplicate',
  tcb: 'TCB',
  notSet: '—',
  // controls
  controls: 'Playback',
  play: 'Play',
  pause: 'Pause',
  stepBack: 'Step back',
  stepForward: 'Step forward',
  toStart: 'Go to start',
  toEnd: 'Go to end',
  speed: 'Speed',
  timeline: 'Timeline',
  eventOf: 'Event {n} of {total}',
  beforeStart: 'Before the first event',
  clock: 'Simulated clock',
  shortcuts: 'Keyboard shortcuts',
  shortcutPlay: 'Space: play / pause',
  shortcutStep: '← / →: step back / forward',
  shortcutEnds: 'Home / End: first / last event',
  shortcutUndo: 'Ctrl+Z / Ctrl+Shift+Z: undo / redo',
  // narration
  narration: 'What happens',
  narrationCapture: 'Replaying a capture taken near {point} (one-way latency {ms} ms).',
  narrationStart: 'Press Play (or →) to start. {title}',
  narrateSend: '{from} sends {segment}{tags}.',
  narrateDeliver: '{to} receives {segment} in {state}.',
  narrateDrop: '{segment} from {from} is {cause}.',
  narrateState: '{endpoint} moves from {from} to {to}.',
  narrateTimer: "{endpoint}'s {timer} expires.",
  narrateApp: '{endpoint} tells its application: {event}.',
  narrateCall: "{endpoint}'s application calls {call}.",
  narrateCrash: '{endpoint} crashes and reboots: it forgets every connection.',
  narrateReplies: 'It answers {segments}.',
  narrateRepliesMore: 'It answers {segments} and {n} more.',
  narrateChanged: 'Now {changes}.',
  // ladder, state diagram
  ladder: 'Sequence diagram',
  ladderHint: 'Time flows down. ✕ marks a lost segment; dashed arrows are retransmissions.',
  stateDiagram: 'State diagram (RFC 9293 figure 5)',
  stateDiagramHint: 'A and B are highlighted in their current states; the transition just taken is lit.',
  timeGap: '{ms} ms later',
  ladderEarlier: '{n} earlier rows not drawn',
  // inspector
  inspector: 'Packet inspector',
  inspectorEmpty:
    'Select a segment in the sequence diagram or the timing list to see its header (a click on the wire drops it instead).',
  header: 'Header',
  field: 'Field',
  value: 'Value',
  sourcePort: 'Source port',
  destinationPort: 'Destination port',
  sequenceNumber: 'Sequence number',
  acknowledgmentNumber: 'Acknowledgment number',
  flags: 'Flags',
  window: 'Window',
  payload: 'Payload',
  bytes: '{n} bytes',
  relative: 'relative {n}',
  sentAt: 'Sent at',
  arrivesAt: 'Arrives at',
  lostAt: 'Lost at',
  tcbChanges: 'What changed in {name}',
  noChanges: 'nothing changed',
  variable: 'Variable',
  before: 'Before',
  after: 'After',
  // faults
  faults: 'Faults and calls',
  faultsHint: 'Each action is added to the scenario at the current time; the timeline is recomputed.',
  injectStaleSyn: 'Stale SYN from {name}',
  injectRst: 'RST from {name}',
  injectDupFin: 'Duplicate FIN from {name}',
  crash: 'Crash {name}',
  // {call} is the socket call's name, shown as code
  callListen: '{name}: {call}',
  callConnect: '{name}: {call}',
  callSend: '{name}: {call} 1000 bytes',
  callClose: '{name}: {call}',
  callAbort: '{name}: {call}',
  network: 'Network',
  loss: 'Loss',
  latency: 'Latency',
  jitter: 'Jitter',
  ms: '{n} ms',
  percent: '{n} %',
  // timing
  timing: 'Timing records',
  handshakeLatency: 'Handshake latency',
  teardownLatency: 'Teardown latency',
  pending: 'not yet',
  timeInState: 'Time in each state ({name})',
  segments: 'Segments',
  segmentCol: 'Segment',
  sentCol: 'Sent',
  arrivedCol: 'Arrived',
  statusLost: 'lost',
  statusInFlight: 'in flight',
  retransmissionTimer: 'Retransmission timer ({name})',
  idle: 'idle',
  // capture comparison
  captureTitle: 'Capture: {file}',
  captureHint:
    'The simulator replays the captured conversation and compares it frame by frame. Times are in ms from the first captured frame.',
  captureStream: 'TCP conversation',
  streamOption: 'Stream {n}: {ends}, {count} packets',
  capturePoint: 'Captured',
  capturePointValue: 'near {name} ({role})',
  oneWayLatency: 'One-way latency',
  latencyValue: '{n} ms (from the handshake)',
  profileSwitchHint: 'Switch RFC / Linux at the top to replay this capture under the other profile.',
  framesCompared: 'Frames compared',
  skippedFrames: 'Other frames in the file (not TCP)',
  deviations: 'Deviations',
  noDeviations: '✓ No deviations: the model sends exactly what was captured',
  deviationOne: '⚠ 1 deviation',
  deviationMany: '⚠ {n} deviations',
  afterCapture: 'Model segments after the capture ended (not compared)',
  replayNotes: 'Notes from the replay',
  closeCapture: 'Close the comparison',
  compareCaption: 'Captured frames beside the model’s segments',
  colFrame: 'Frame',
  colCapture: 'Capture',
  colModel: 'Model',
  onlyDeviations: 'Only rows with a deviation',
  showAllRows: 'Show all {n} rows',
  devTiming: 'Timing differs',
  devDifferent: 'Header differs',
  devMissing: 'Missing in the model',
  devExtra: 'Only in the model',
  devTimingDetail: 'the model sends it {ms} ms {direction} (tolerance {tolerance} ms)',
  devLater: 'later',
  devEarlier: 'earlier',
  devDifferentDetail: 'the model sends a different segment here: {fields} differ',
  devMissingDetail: 'the model sends no such segment',
  devExtraDetail: 'the capture does not show this segment',
  // problems
  problemUrl: 'This link does not hold a valid scenario, so the previous one is still shown.',
  problemImport: 'The imported file is not a valid scenario or capture; nothing was changed.',
  problemEngine: 'The simulator could not run this scenario; nothing was changed.',
  dismiss: 'Dismiss',
  final: 'Final',
  // --- links ---
  /** An edited scenario's title: what it was made from, marked as edited. */
  editedTitle: '{title} (edited)',
  shareWithLang: 'Link opens in {language}',
  shareWithLangHint: 'The shared link also switches the page to this language',
  captureGoHint: 'Move the cursor to this segment',
  diffFromModel: '(differs from the model)',
  diffFromCapture: '(differs from the capture)',
  // --- pace ---
  pauseAtSegments: 'Pause at every segment',
  pauseAtSegmentsHint: 'Playback stops each time a segment arrives or is lost; press Play (Space) to go on.',
  // --- explain ---
  narrateSameRule: 'Same rule as the step before.',
  narrateSynSeq:
    'A SYN occupies one sequence number: this SYN is seq={seq}, so the ACK that answers it will be ack={next}.',
  narrateSynAckSeq:
    "A SYN occupies one sequence number: {peer}'s SYN was seq={peerSyn}, which is why this ACK is ack={ack}; this SYN is seq={seq}, so its answer will be ack={next}.",
  ruleKey: 'Rule at the cursor',
  ruleKeyHint:
    'The explanation key of the event at the cursor, as the CLI ladder shows it in brackets; one click selects it for copying.',
  // --- glossary ---
  sdTermHint: 'Point at, focus or tap a state to read its definition.',
  sdNote1Label: 'Note 1',
  sdNote1:
    'The arrow from SYN-RECEIVED back to LISTEN on a RST applies only when SYN-RECEIVED was reached from LISTEN, after a passive OPEN. When it was reached from SYN-SENT after an active OPEN (a simultaneous open), a RST means the connection was refused: the application is told, and the endpoint enters CLOSED.',
  sdClosedTwiceLabel: 'Why CLOSED appears twice',
  sdClosedTwice:
    'As in the RFC’s figure, CLOSED is drawn twice: at the top, where every connection starts, and at the bottom right, where a connection ends once it is closed. Both boxes are the same state, in which there is no TCB; drawing it twice keeps the closing arrows from running back up across the figure.',
  sdClosedStart:
    'This box, at the top, is where every connection starts; the CLOSED box at the bottom right is the same state, where a closed connection ends.',
  sdClosedEnd:
    'This box, at the bottom right, is where a closed connection ends; the CLOSED box at the top is the same state, where every connection starts.',
  // --- zh ---
  devFieldFlags: 'flags',
  devFieldSeq: 'seq',
  devFieldAck: 'ack',
  devFieldLen: 'len',
  noteNoSynAnswer: 'no answer to the SYN in the capture: latency unknown, 0 ms assumed',
  noteNeverArrived: '{n} segment(s) from {name} never arrived: modelled as drop faults',
  documentTitle: 'synack — TCP handshake simulator',
  stateLabel: 'state',
  problemDetail: 'The original message (in English)',
  // --- presenter ---
  dropHintTouch: 'Tap a segment in flight to drop it',
  shortcutPresenter:
    'Presenter mode: PageDown / PageUp (what a presentation clicker sends) step forward / back',
  timersOf: 'Timers of {name}',
  timerLeft: 'in {ms} ms',
  timerIdle: 'not armed',
  // --- lazyval ---
  problemLoad:
    'The part of the page that checks scenarios could not be loaded (is the network down?), so nothing was changed. Try again, or reload the page.',
  // --- ladder ---
  ladderTimeUnit: 'ms',
  ladderExportHeading: '{title} · {profile}',
  // --- issue9-scen ---
  /** The share link would not open in every browser (shareLinkFits in src/store/url.ts said no). */
  shareTooLarge:
    'This scenario is too large for a link ({n} characters; browsers open links of at most {max}). Save the JSON file instead.',
  shareSaveJson: 'Save the JSON file',
  /** After the first issues of a long list: how many more there are. */
  problemMore: '… and {n} more',
  // --- l-ui ---
  lessons: 'Lessons',
  lessonsHint: 'Guided lessons that ask you to predict what TCP does next',
  quizMe: 'Quiz me',
  quizMeHint: 'Turn this scenario into a quiz: predict every segment before it is sent',
  // --- l-stats ---
  /** The Header button that opens the statistics lab (StatsButton.tsx). */
  statistics: 'Statistics',
  // --- l-embed ---
  openFullApp: 'Open in synack ↗',
} as const;

export type UiKey = keyof typeof uiEn;
export type UiCatalog = Record<UiKey, string>;

/** Fill `{name}` placeholders. Unknown placeholders are left visible, so a mistake shows instead of hiding. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/**
 * What the classroom says to everyone and to a student (issue 11): the header button, the Start/Join
 * dialog, the join form, the student's bar and question, and the connection's state. Loaded with the
 * classroom chunk; the Chinese one is typed from the English one, so a missing sentence fails the
 * typecheck. The pinned accessible names (classroom, startClass, joinClass, classCode, nickname, join,
 * live, liveLongPoll, reconnecting, rejoinLive, sendAnswer, answerSent, right, notQuite) are driven by
 * other checks: do not reword them. The teacher's panel speaks src/i18n/teach.ts.
 */
export const classroomEn = {
  // pinned
  classroom: 'Classroom',
  dialogHint:
    'Teach a live class: your students follow your simulation on their own phones and laptops and answer your questions.',
  // pinned
  startClass: 'Start a class',
  startHint: 'You get a code, a link and a QR code to show on the projector.',
  // pinned
  joinClass: 'Join a class',
  // pinned
  classCode: 'Class code',
  // pinned
  nickname: 'Nickname',
  nicknameHint: 'The name your teacher sees (1 to 40 characters).',
  // pinned
  join: 'Join',
  close: 'Close',
  studentRegion: 'Following class {code}',
  youAre: 'You are {nickname}.',
  // pinned: the connection, in the bar's role="status"
  live: 'Live',
  liveLongPoll: 'Live (long polling)',
  reconnecting: 'Reconnecting…',
  connecting: 'Connecting…',
  ended: 'The class has ended.',
  fallbackNoEvent:
    'The live stream sent nothing within 6 seconds (a proxy on the way may be holding it back), so the page asks the server by long polling instead.',
  fallbackErrors:
    'The live stream failed three times in a row, so the page asks the server by long polling instead.',
  fallbackNoEventSource:
    'This browser cannot open a live stream (EventSource), so the page uses long polling.',
  exploring: 'You are exploring on your own; the teacher’s screen goes on without you.',
  // pinned
  rejoinLive: 'Rejoin live',
  leaveClass: 'Leave class',
  waiting: 'Follow the teacher’s screen: a question appears here when they ask one.',
  questionTitle: 'Question {n}',
  // pinned
  sendAnswer: 'Send answer',
  // pinned
  answerSent: 'Answer sent. Waiting for the reveal.',
  // pinned
  right: 'Right!',
  // pinned
  notQuite: 'Not quite.',
  yourAnswer: 'Your answer: {answer}.',
  theAnswer: 'The answer: {answer}.',
  noAnswer: 'You did not answer this question.',
  closed: 'The teacher closed this question.',
  classStats: '{correct} of {answered} answers were right.',
  segmentAnswer: '{endpoint} sends {segment}',
  stateAnswer: '{endpoint} enters {state}',
  networkError: 'The classroom server could not be reached. Check the network and try again.',
  codeInvalid: 'Class code: type the letters and digits your teacher shows (for example ABC234).',
  // The server's refusals a person can meet, by status and field (./src/ui/components/classroom/errors.ts).
  errNoClass:
    'There is no class with this code. Check the code your teacher shows; the class may have ended.',
  errNicknameTaken: 'Someone in this class already has this nickname. Choose another one.',
  errNicknameLength: 'Type a nickname of 1 to 40 characters.',
  errNicknameControl: 'A nickname may not contain control or text-direction characters.',
  errNicknameVisible: 'A nickname needs at least one visible character.',
  errClassEnded: 'This class has ended.',
  errClassFull: 'This class is full: no more students can join.',
  errRateLimited: 'Too many attempts from this network. Try again in {seconds} s.',
  errRateLimitedSoon: 'Too many attempts from this network. Try again in a moment.',
  errQuestionClosed: 'This question is closed: answers are no longer taken.',
  errQuestionRevealed: 'The answer to this question has already been revealed.',
  errAlreadyAnswered: 'You have already answered this question.',
  errNothingToAsk:
    'Nothing to ask here: the simulation sends nothing more after this point. Step back, or restart the run.',
  errServerSaid: 'The classroom server refused: {why}',
} as const;

export type ClassroomKey = keyof typeof classroomEn;

export const classroomZh: Record<ClassroomKey, string> = {
  classroom: '课堂',
  dialogHint: '开一堂实时互动课：学生在自己的手机或电脑上跟随你的模拟，并回答你提出的问题。',
  startClass: '开始上课',
  startHint: '你会得到课堂代码、链接和二维码，可以投影给全班。',
  joinClass: '加入课堂',
  classCode: '课堂代码',
  nickname: '昵称',
  nicknameHint: '老师看到的名字（1 到 40 个字符）。',
  join: '加入',
  close: '关闭',
  studentRegion: '正在参加课堂 {code}',
  youAre: '昵称：{nickname}',
  live: '实时同步中',
  liveLongPoll: '实时同步中（长轮询）',
  reconnecting: '正在重新连接…',
  connecting: '正在连接…',
  ended: '本节课已结束。',
  fallbackNoEvent:
    '实时连接在 6 秒内没有收到任何消息（途中的代理可能缓冲了它），页面改用长轮询向服务器获取。',
  fallbackErrors: '实时连接连续断开三次，页面改用长轮询向服务器获取。',
  fallbackNoEventSource: '此浏览器无法建立实时连接（EventSource），页面改用长轮询。',
  exploring: '你正在自行探索；老师那边的演示仍在继续。',
  rejoinLive: '回到老师的进度',
  leaveClass: '退出课堂',
  waiting: '请跟随老师的画面：老师提问时，问题会出现在这里。',
  questionTitle: '第 {n} 题',
  sendAnswer: '提交答案',
  answerSent: '答案已提交，等待老师揭晓。',
  right: '答对了！',
  notQuite: '答错了。',
  yourAnswer: '你的答案：{answer}。',
  theAnswer: '正确答案：{answer}。',
  noAnswer: '你没有回答这道题。',
  closed: '老师已关闭这道题。',
  classStats: '全班 {answered} 份答案中有 {correct} 份正确。',
  segmentAnswer: '{endpoint} 发送 {segment}',
  stateAnswer: '{endpoint} 进入 {state}',
  networkError: '无法连接课堂服务器。请检查网络后重试。',
  codeInvalid: '课堂代码：请输入老师给出的字母和数字（例如 ABC234）。',
  errNoClass: '没有使用这个代码的课堂。请核对老师给出的代码；这节课也可能已经结束。',
  errNicknameTaken: '本课堂已有同学使用这个昵称，请换一个。',
  errNicknameLength: '请输入 1 到 40 个字符的昵称。',
  errNicknameControl: '昵称不能包含控制字符或文字方向控制符。',
  errNicknameVisible: '昵称至少要有一个可见字符。',
  errClassEnded: '这节课已经结束。',
  errClassFull: '本课堂已满员，无法再加入。',
  errRateLimited: '此网络的尝试次数过多，请在 {seconds} 秒后重试。',
  errRateLimitedSoon: '此网络的尝试次数过多，请稍后重试。',
  errQuestionClosed: '这道题已关闭，不再接收答案。',
  errQuestionRevealed: '这道题的答案已经揭晓。',
  errAlreadyAnswered: '你已经回答过这道题。',
  errNothingToAsk: '这里无法提问：模拟在此之后不再发送任何报文段。请退回几步，或重新开始运行。',
  errServerSaid: '课堂服务器拒绝了请求：{why}',
};

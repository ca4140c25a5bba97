/**
 * 场景、链接和导入文件中的问题，用简体中文写出（英文写法见 src/scenarios/issue.ts 的 englishIssue，
 * 命令行用的是英文）。JSON 路径、键名和值照原样显示，其余都是中文。每个 switch 都列全了所有情况，
 * 新增一种问题而忘了写中文，类型检查就会失败。
 */
import {
  type Expected,
  type Got,
  type JsonExpectation,
  type LessonList,
  megabytes,
  type ObjectName,
  type ScenarioIssue,
} from '../scenarios/issue';
import { spaced } from './spacing';

const list = (items: readonly string[]) => items.map((item) => `"${item}"`).join('、');

const OBJECT: Record<ObjectName, string> = {
  scenario: '场景对象',
  network: '网络参数对象',
  endpoint: '端点对象',
  endpoints: '含端点 "A" 和（或）"B" 的对象',
  options: '选项对象',
  action: '动作对象',
  drop: '丢弃故障对象 { from, flags, nth, count? }',
  delay: '延迟故障对象 { from, flags, nth, count?, ms }',
  segment: '报文段对象 { seq, ack?, flags, len?, win? }',
  inject: '注入故障对象 { at, from, segment }',
  crash: '崩溃故障对象 { at, endpoint }',
  fault: '故障对象',
  hosts: '以主机名为键、含 1 到 16 台主机的对象',
  host: '主机对象 { address, profile?, isn?, window?, mss?, delayedAck?, closeOnEof?, closeOnConnect? }',
  'drop-v2': '丢弃故障对象 { from, conn?, flags, nth, count? }',
  'delay-v2': '延迟故障对象 { from, conn?, flags, nth, count?, ms }',
  'inject-v2': '注入故障对象 { at, from, port, to, segment }',
  'crash-v2': '崩溃故障对象 { at, host }',
  lesson: '课程对象',
  text: '文本对象 { "en", "zh-CN" }',
  step: '步骤对象 { text, scenario, profile?, from?, to?, watch?, checkpoint?, lab? }',
  anchor: '锚点对象 { type, endpoint?, flags?, state?, call?, timer?, nth?, offset? }',
  watch: '恰好含有 "tcb"、"segment"、"state"、"row" 之一的关注对象',
  'state-watch': '状态对象 { endpoint, state }',
  checkpoint: '检查点对象 { kind, … }',
  figure: '数值对象 { figure, … }',
  lab: '实验对象 { statistics }',
  statistics: '统计实验对象 { lossRate?, profile?, runs?, seed? }',
  compare: '对照对象 { title, scenario, profile?, to? }',
};

const AT_MOST: Record<Extract<Expected, { kind: 'at-most' }>['of'], string> = {
  actions: '个动作',
  faults: '个故障',
  hosts: '台主机',
  connections: '条连接',
};

const DECLARED: Record<Extract<Expected, { kind: 'declared' }>['what'], string> = {
  host: '已声明的主机',
  conn: '由 connect 命名的连接',
  listener: '该主机监听的端口',
};

const LESSON_LIST: Record<LessonList, string> = { steps: '个步骤', watch: '个关注项', choices: '个选项' };

const JSON_EXPECTED: Record<JsonExpectation, string> = {
  literal: '{word}',
  'closing-quote': '结束字符串的双引号 "',
  'hex-digits': '\\u 之后的 4 个十六进制数字',
  escape: '有效的转义序列（\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX）',
  'no-control-characters': '字符串中不出现原始控制字符（请改用 \\n 这样的转义序列）',
  'shallower-nesting': '至多 {max} 层嵌套',
  'property-name': '用双引号括起的属性名',
  colon: '属性名之后的 :',
  'comma-or-brace': '属性值之后的 , 或 }',
  'comma-or-bracket': '数组元素之后的 , 或 ]',
  value: '一个值（对象、数组、字符串、数字、true、false 或 null）',
  end: '值之后的文本结尾',
};

export function expectedChinese(expected: Expected): string {
  switch (expected.kind) {
    case 'object':
      return OBJECT[expected.object];
    case 'integer':
      return expected.max === undefined
        ? spaced('不小于', String(expected.min), '的整数')
        : spaced(String(expected.min), '到', String(expected.max), '之间的整数');
    case 'number':
      return spaced(String(expected.min), '到', String(expected.max), '之间的数');
    case 'delay-ms':
      return spaced(String(expected.min), '到', String(expected.max), '毫秒之间的延迟');
    case 'one-of':
      return spaced(list(expected.options), '之一');
    case 'string':
      return spaced('不超过', String(expected.maxLength), '个字符的字符串');
    case 'boolean':
      return 'true 或 false';
    case 'version':
      return spaced(String(expected.version), '（目前唯一的场景版本）');
    case 'isn':
      return spaced(
        '0 到',
        String(expected.max),
        '之间的整数，或由这样的整数组成、至多',
        String(expected.maxItems),
        '个元素的非空数组',
      );
    case 'array':
      return expected.of === 'actions' ? '动作数组' : '故障数组';
    case 'at-most':
      return spaced('至多', String(expected.max), AT_MOST[expected.of]);
    case 'flags':
      return expected.nonEmptyUnique
        ? spaced('由', list(expected.options), '中互不重复的标志位组成的非空数组')
        : spaced(
            '由',
            list(expected.options),
            expected.maxItems === undefined
              ? '中的标志位组成的数组（可以为空）'
              : `中的标志位组成、至多 ${expected.maxItems} 个元素的数组（可以为空）`,
          );
    case 'bytes-for-send':
      return spaced(
        String(expected.min),
        '到',
        String(expected.max),
        '之间的整数（"call" 为 "send" 时必须给出）',
      );
    case 'no-bytes':
      return '不带 "bytes"（只有 "call" 为 "send" 时才带 "bytes"）';
    case 'fault-object':
      return spaced('恰好含有', list(expected.options), '之一的故障对象');
    case 'one-fault-kind':
      return spaced('恰好含有', list(expected.options), '之一');
    case 'known-key':
      return expected.suggestion ? `"${expected.suggestion}"` : spaced(list(expected.allowed), '之一');
    case 'key':
      return `"${expected.key}"`;
    case 'json':
      return JSON_EXPECTED[expected.what]
        .replace('{word}', `"${expected.word ?? ''}"`)
        .replace('{max}', String(expected.max ?? ''));
    case 'readable-scenario':
      return '可以读取的场景';
    case 'event-number':
      return '事件序号';
    case 'preset':
      return '预设场景的名称';
    case 'link-content':
      return '场景（s=…）或预设场景（p=…）';
    case 'base64url':
      return 'base64url 文本';
    case 'json-text':
      return 'JSON 文本';
    case 'scenario-or-capture':
      return '场景文件（JSON 文本）或抓包文件（pcap、pcapng）';
    case 'tcp-conversation':
      return '一条 TCP 连接';
    case 'readable-file':
      return '可以读取的文件';
    case 'unique-key':
      return '同一个对象中每个键只出现一次';
    case 'once':
      return '这个参数只出现一次';
    case 'preset-or-scenario':
      return '预设场景（p=…）或场景（s=…）之一，不能两者都有';
    case 'lesson-or-scenario':
      return '课程（lesson=…）或场景（p=… 或 s=…）之一，不能两者都有';
    case 'short-run':
      return spaced('运行在', String(expected.max), '个事件之内结束的场景');
    case 'link-length':
      return spaced('不超过', String(expected.max), '个字符的链接');
    case 'utf8-text':
      return 'UTF-8 文本';
    case 'lesson-version':
      return spaced(String(expected.version), '（目前唯一的课程版本）');
    case 'lesson-id':
      return spaced(
        '不超过',
        String(expected.maxLength),
        '个字符的课程 id：只含小写字母、数字和 "-"，且不以 "-" 开头',
      );
    case 'text':
      return spaced('不超过', String(expected.max), '个字符、不全是空白且不含控制字符的字符串');
    case 'items':
      return expected.min === expected.max
        ? spaced('由', String(expected.min), `${LESSON_LIST[expected.of]}组成的数组`)
        : spaced(
            '由',
            String(expected.min),
            '到',
            String(expected.max),
            `${LESSON_LIST[expected.of]}组成的数组`,
          );
    case 'flag-set':
      return spaced('由', list(expected.options), '中的标志位组成、用逗号分隔的集合，例如 "SYN,ACK"');
    case 'preset-or-inline':
      return '预设场景的名称或内嵌的场景对象';
    case 'anchor':
      return '"start"、"end" 或锚点对象 { type, … }';
    case 'choices-for-number':
      return '一个 "choices" 选项列表（关于数值的问题没有默认选项）';
    case 'versions':
      return spaced(expected.versions.map(String).join(' 或 '), '（现有的场景版本）');
    case 'name':
      return spaced(
        '不超过',
        String(expected.maxLength),
        '个字符的名称：以字母开头，其后为字母、数字、"-" 或 "_"',
      );
    case 'ipv4':
      return '点分十进制的单播 IPv4 地址，例如 "192.0.2.1"';
    case 'host-port':
      return '"主机:端口"，例如 "server:80"（端口为 1 到 65535）';
    case 'conn-or-port':
      return '恰好含有 "conn"（一条连接）或 "port"（该主机监听的端口）之一';
    case 'declared': {
      if (expected.names.length === 0) return spaced(DECLARED[expected.what], '（目前没有）');
      const more = expected.more > 0 ? spaced('等，另有', String(expected.more), '个') : '';
      return spaced(DECLARED[expected.what], '（', list(expected.names), more, '）');
    }
    case 'unique':
      return expected.what === 'conn'
        ? spaced('其他 connect 没有用过的连接名（', expected.first, '已先用了这个名字）')
        : spaced('其他主机没有用过的地址（', expected.first, '已用了这个地址）');
    case 'after':
      return spaced(
        '位于',
        expected.first,
        expected.what === 'connect' ? '处的 connect' : '处的 listen',
        '之后的动作（时间更晚，或时间相同而在列表中更靠后）',
      );
    case 'conn-end':
      return spaced('连接', `"${expected.conn}"`, '的两端之一：', list(expected.hosts));
    case 'free-port':
      return spaced(
        '未被',
        expected.first,
        '处的 connect 占用的端口（再次连接之前，请先关闭或中止那条连接，或让主机崩溃）',
      );
  }
}

export function gotChinese(got: Got): string {
  switch (got.kind) {
    case 'value':
    case 'char':
      return got.json;
    case 'nothing':
      return '空缺';
    case 'function':
      return '一个函数';
    case 'unprintable':
      return got.array ? '一个数组' : '一个无法显示的值';
    case 'count':
      return spaced(String(got.count), '个');
    case 'key':
      return `"${got.key}"`;
    case 'kinds':
      return list(got.kinds);
    case 'empty-object':
      return '一个空对象';
    case 'keys':
      return spaced('键', got.keys);
    case 'bytes-with-call':
      return spaced('"bytes" 为', gotChinese(got.bytes), '，"call" 为', gotChinese(got.call));
    case 'end-of-text':
      return '文本结尾';
    case 'error':
      return got.text;
    case 'cut-short':
      return '别的内容（链接是否被截断了？）';
    case 'binary':
      return '二进制数据';
    case 'empty-file':
      return '空文件';
    case 'encoding':
      return spaced(got.encoding, '编码的文本');
    case 'nul-byte':
      return spaced('第', String(got.offset), '字节处的 NUL 字节（0x00）');
    case 'invalid-utf8':
      return spaced('第', String(got.offset), '字节处的无效 UTF-8');
    case 'too-large':
      return megabytes(got.size);
    case 'other-frames':
      return spaced(String(got.count), '个其他帧');
    case 'both-p-and-s':
      return '两者都有';
  }
}

/** “应为……，实际为……”, or “……，但没有给出” when nothing was given. */
function expectedGot(expected: Expected, got: Got, hint = ''): string {
  if (got.kind === 'nothing') return spaced('应为', expectedChinese(expected), '，但没有给出');
  return spaced('应为', expectedChinese(expected), '，实际为', gotChinese(got), hint);
}

/** What is wrong, in one Chinese sentence (without the path, which the page shows beside it). */
export function chineseIssue(issue: Omit<ScenarioIssue, 'path' | 'message'>): string {
  const { code, expected, got } = issue;
  switch (code) {
    case 'unknown-key': {
      const key = got.kind === 'key' ? `"${got.key}"` : gotChinese(got);
      if (expected.kind === 'known-key' && expected.suggestion)
        return spaced('未知的键', key, '（是不是想写', `"${expected.suggestion}"`, '？）');
      const allowed = expected.kind === 'known-key' ? list(expected.allowed) : '';
      return spaced('未知的键', key, '（允许的键：', allowed, '）');
    }
    case 'missing-key':
      return spaced('缺少必需的键', expectedChinese(expected));
    case 'json-syntax': {
      if (issue.line === undefined) return spaced('不是有效的 JSON：', gotChinese(got));
      const where = spaced('第', String(issue.line), '行第', String(issue.column), '列');
      return spaced(
        '不是有效的 JSON：',
        where,
        '，应为',
        expectedChinese(expected),
        '，实际遇到',
        gotChinese(got),
        byteOffset(issue),
      );
    }
    case 'duplicate-key': {
      const key = got.kind === 'key' ? `"${got.key}"` : gotChinese(got);
      const byte = issue.offset === undefined ? '' : spaced('，字节偏移', String(issue.offset));
      const where =
        issue.line === undefined
          ? ''
          : spaced('（第', String(issue.line), '行第', String(issue.column), '列', byte, '）');
      return spaced('重复的键', key, where, '：同一个对象中每个键只能出现一次');
    }
    case 'unreadable':
      return spaced('无法读取这个场景：', gotChinese(got));
    case 'bad-link':
      switch (expected.kind) {
        case 'preset':
          return spaced('没有名为', gotChinese(got), '的预设场景');
        case 'base64url':
          return got.kind === 'char'
            ? spaced(
                '链接中的场景数据不是有效的 base64url 文本：第',
                String((issue.offset ?? 0) + 1),
                '个字符是',
                got.json,
              )
            : '链接中的场景数据不是有效的 base64url 文本（链接是否被截断了？）';
        case 'json-text':
          return issue.line === undefined
            ? '链接中的场景数据不是有效的 JSON（链接是否被截断了？）'
            : spaced(
                '链接中的场景数据在第',
                String(issue.line),
                '行第',
                String(issue.column),
                '列处不是有效的 JSON（链接是否被截断了？）',
              );
        case 'utf8-text':
          return spaced(
            '链接中的场景数据在字节偏移',
            String(issue.offset ?? 0),
            '处不是有效的 UTF-8 文本（链接是否被截断了？）',
          );
        case 'once':
          return spaced(
            '这个参数只能出现一次，实际出现了',
            got.kind === 'count' ? String(got.count) : gotChinese(got),
            '次',
          );
        case 'preset-or-scenario':
          return '链接中只能有预设场景（p=…）或场景（s=…）之一，不能两者都有';
        case 'lesson-or-scenario':
          return '链接中只能有课程（lesson=…）或场景（p=… 或 s=…）之一，不能两者都有';
        case 'link-length':
          return spaced(
            '链接长',
            got.kind === 'count' ? String(got.count) : gotChinese(got),
            '个字符，而浏览器只能打开不超过',
            String(expected.max),
            '个字符的链接',
          );
        case 'link-content':
          return '链接中应有场景（s=…）或预设场景（p=…）';
        default:
          return expectedGot(expected, got);
      }
    case 'bad-file':
      if (got.kind === 'empty-file') return '文件是空的：既不是场景文件，也不是抓包文件';
      if (got.kind === 'encoding') return spaced('文件是', got.encoding, '编码的；请另存为 UTF-8');
      if (got.kind === 'nul-byte')
        return spaced(
          '第',
          String(got.offset),
          '字节处有 NUL 字节（0x00）：不是文本文件，也不是 pcap 或 pcapng 抓包文件',
        );
      if (got.kind === 'invalid-utf8')
        return spaced('第', String(got.offset), '字节处的 UTF-8 编码无效；请把文件另存为 UTF-8');
      if (got.kind === 'too-large')
        return spaced(
          '文件大小为',
          megabytes(got.size),
          '，超过页面能打开的上限（',
          got.what === 'capture' ? '抓包文件' : got.what === 'lesson' ? '课程文件' : '场景文件',
          '最大',
          megabytes(got.limit),
          '）',
        );
      if (expected.kind === 'scenario-or-capture')
        return '既不是场景文件（JSON 文本），也不是抓包文件（pcap、pcapng）';
      if (expected.kind === 'readable-file') return '无法读取该文件';
      if (got.kind === 'other-frames')
        return spaced('这个抓包文件中没有 TCP 连接（只有', String(got.count), '个其他帧）');
      return expectedGot(expected, got);
    case 'bad-capture':
      if (issue.stream !== undefined) return '无法重放这条连接';
      if (issue.frame !== undefined)
        return spaced(
          '无法解析这个抓包文件：第',
          String(issue.frame),
          '帧有误（字节偏移',
          String(issue.offset ?? 0),
          '）',
        );
      if (issue.offset !== undefined)
        return spaced('无法解析这个抓包文件：字节偏移', String(issue.offset), '处有误');
      return '无法读取这个抓包文件';
    case 'engine':
      return '模拟器内部出错';
    case 'unknown-name':
    case 'duplicate-name':
    case 'not-yet':
    case 'not-an-end':
    case 'port-in-use':
      return expectedGot(expected, got);
    case 'invalid-value':
    case 'too-many': {
      if (expected.kind === 'short-run')
        return spaced(
          '这个场景的运行超过',
          String(expected.max),
          '个事件；页面会立即运行课程的每一步，所以每一步都必须在这个数量之内结束',
        );
      if (expected.kind === 'readable-scenario') return spaced('这个值无效：', gotChinese(got));
      if (expected.kind === 'no-bytes' && got.kind === 'bytes-with-call')
        return spaced(
          '只有 "call" 为 "send" 的动作才带 "bytes"；这里 "call" 为',
          gotChinese(got.call),
          '，却带了 "bytes"：',
          gotChinese(got.bytes),
        );
      const hint = got.kind === 'keys' && got.suggestion ? `（是不是想写 "${got.suggestion}"？）` : '';
      return expectedGot(expected, got, hint);
    }
  }
}

/** "（字节偏移 32）" after a JSON position, when the issue has one. */
function byteOffset(issue: Omit<ScenarioIssue, 'path' | 'message'>): string {
  return issue.offset === undefined ? '' : spaced('（字节偏移', String(issue.offset), '）');
}

/** The path as a Chinese reader sees it: a link's parameter, a capture's conversation, or a JSON path. */
export function chinesePath(issue: Pick<ScenarioIssue, 'path' | 'code' | 'stream'>): string {
  if (issue.code === 'bad-link') {
    const param = issue.path.replace(/^link ?/, '');
    return param ? spaced('链接参数', param) : '链接';
  }
  if (issue.code === 'bad-capture' && issue.stream !== undefined) {
    const file = issue.path.replace(/ stream \d+$/, '');
    return spaced(file, '中的第', String(issue.stream), '条连接');
  }
  return issue.path;
}

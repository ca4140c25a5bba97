/** The multi-connection view in Simplified Chinese (see world.en.ts; typed from it). */
import type { WorldCatalog } from './world.en';

export const worldZh: WorldCatalog = {
  group: '多个连接',
  presets: {
    'three-clients-one-server': {
      title: '三个客户端，一个服务器',
      description:
        '三个客户端几乎同时连接同一个正在监听的服务器：监听套接字为每个 SYN 派生一个连接，每个连接都有自己的四元组。',
    },
    'time-wait-reuse-linux': {
      title: 'TIME-WAIT 期间到达的新 SYN（Linux）',
      description:
        '服务器一端还处于 TIME-WAIT 时，客户端从同一个端口再次连接：Linux 接受这个 SYN，新连接的 ISS 取旧连接的 SND.NXT + 65537。',
    },
    'backlog-full-linux': {
      title: '接受队列已满（Linux）',
      description:
        '监听队列的上限为 1 时可以容纳两个连接；第三个客户端的 SYN 被悄悄丢弃，从它的重传可以看出来。',
    },
    'server-crash-three': {
      title: '服务器在三个连接打开时崩溃',
      description:
        '崩溃之后还发送数据的客户端收到 RST；一直没有发送的那个仍然以为自己的连接处于 ESTABLISHED。',
    },
  },
  summary: '{hosts} 台主机 · {conns} 个连接 · 配置 {profile}',
  hosts: '主机及其连接',
  host: '主机 {host}',
  listener: '在 :{port} 上监听',
  queue: '队列上限 {backlog} · {queued} 个连接等待被接受',
  closedListener: ':{port} 已关闭',
  noSockets: '还没有连接。',
  endCard: '{host} 上的 {who}',
  toPeer: '对端 {peer}',
  legend: '连接',
  wire: '线路上的报文段',
  wireEmpty: '线路上没有报文段。',
  inFlight: '{from} → {to}：{segment}',
  diagram: '时序图，每台主机一条生命线',
  diagramEarlier: '上方还有 {n} 个更早的事件',
  arrow: '{who}：{from} → {to}，{segment}',
  lost: '丢失',
  noteTimer: '{who} {timer}超时',
  narrationStart: '按播放运行“{title}”：{hosts} 台主机，{conns} 个连接。',
  narrateSend: '{host} 在 {who} 上发送 {segment}{tags}。',
  narrateDeliver: '{host} 在 {who} 上收到 {segment}，此时处于 {state} 状态。',
  narrateDeliverNone: '{host} 收到 {segment}，但没有套接字与之对应。',
  narrateDrop: '{host} 在 {who} 上发出的 {segment} {cause}。',
  narrateState: '{host}：{who} 从 {from} 进入 {to}。',
  narrateTimer: '{host}：{who} 的{timer}超时。',
  narrateApp: '{host} 向 {who} 的应用程序报告{event}。',
  narrateCall: '{host} 的应用程序在 {who} 上调用 {call}。',
  narrateCrash: '{host} 崩溃并重启：丢失了所有连接和监听套接字的信息。',
  narrateReplies: '随即回复 {segments}。',
  narrateChanged: '此时 {who} 的 {changes}。',
  final: '最终状态',
};

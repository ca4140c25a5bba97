/**
 * The Simplified Chinese catalog (简体中文). Terms follow the usual Chinese textbooks (谢希仁《计算机网络》):
 * 报文段, 序号, 确认号, 初始序号, 三次握手, 四次挥手, 超时重传, 复位, 半开连接, 2MSL ……
 * RFC 9293 state names (LISTEN, SYN-RECEIVED …), flags (SYN, ACK, FIN, RST), TCB variables (SND.UNA, RCV.NXT …),
 * errno names and socket call names (listen, connect …) stay in English, as students meet them in code and traces.
 */
import type { Catalog } from './en';

export const zhCN: Catalog = {
  explain: {
    // user calls as issued, and the application's reflex
    'call-listen': '应用程序以被动方式调用 OPEN（listen），准备接受连接。',
    'call-connect': '应用程序以主动方式调用 OPEN（connect），发起连接。',
    'call-send': '应用程序调用 SEND，把要发送的数据交给 TCP。',
    'call-close': '应用程序调用 CLOSE，表示已经没有数据要发送了。',
    'call-abort': '应用程序调用 ABORT，立即终止连接。',
    'reflex-close': '应用程序按照预先的设定（读到文件结束，或连接一建立就关闭），自动关闭本方的连接。',

    // user-call processing (§3.10.1–3.10.5)
    'open-passive': '被动打开：创建传输控制块（TCB），进入 LISTEN 状态，等待远端套接字发来的 SYN。',
    'open-active': '主动打开：选择初始发送序号（ISS），发送 SYN 报文段 <SEQ=ISS>，进入 SYN-SENT 状态。',
    'call-already-exists': '调用被拒绝，错误为“连接已存在”：本方已经有一个连接。',
    'send-no-connection': 'SEND 被拒绝，错误为“连接不存在”：处于 CLOSED 状态，没有可以发送数据的连接。',
    'close-no-connection': 'CLOSE 被拒绝，错误为“连接不存在”：处于 CLOSED 状态，没有可以关闭的连接。',
    'abort-no-connection': 'ABORT 被拒绝，错误为“连接不存在”：处于 CLOSED 状态，没有可以终止的连接。',
    'send-closing': 'SEND 被拒绝，错误为“连接正在关闭”：此前已经调用过 CLOSE，不能再发送数据。',
    'close-closing': 'CLOSE 被拒绝，错误为“连接正在关闭”：本方已经关闭过，连接正在释放之中。',
    close: 'CLOSE：把缓存中尚未发送的数据发完后，接着发送 FIN；进入 FIN-WAIT-1 状态，等待对方确认这个 FIN。',
    'close-after-fin':
      '在 CLOSE-WAIT 状态下调用 CLOSE：对方已经发送过 FIN，于是本方也发送 FIN，进入 LAST-ACK 状态。',
    'close-before-sync':
      '连接尚未同步（处于 LISTEN 或 SYN-SENT 状态）时调用 CLOSE：删除 TCB，进入 CLOSED 状态，不发送任何报文段。',
    'close-queued': '连接现已建立，而此前有一个 CLOSE 调用在等待：进入 FIN-WAIT-1 状态，以便发送 FIN。',
    abort: 'ABORT：删除 TCB，进入 CLOSED 状态；等待发送的数据和重传队列中的报文段一律丢弃。',
    'abort-reset': '对已打开的连接调用 ABORT：发送复位报文段 <SEQ=SND.NXT><CTL=RST>，让对方也撤销这个连接。',
    'abort-reset-linux':
      '对已打开的连接调用 ABORT：Linux 发送的复位报文段同时带有确认，即 <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>，让对方也撤销这个连接。',

    // sending
    'send-data':
      '从 SND.NXT 开始发送缓存中的数据：每个报文段至多一个 MSS，发送量不超过对方窗口所允许的范围。',
    'send-data-fin': '发送最后一段数据，并把 FIN 置 1：关闭请求随最后一个报文段一起发出。',
    'send-fin': '数据已全部发送完毕：发送 FIN，通知对方本方已没有数据要发送了。',
    'send-fin-last': '在 LAST-ACK 状态下发送本方的 FIN（对方先关闭）；这个 FIN 被确认后，连接即告结束。',
    'handshake-ack': '完成三次握手：用 <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> 确认对方的 SYN。',
    'ack-data': '确认已收到的数据：确认号 ACK = RCV.NXT，即期望收到的对方下一个字节的序号。',
    'ack-fin': '确认对方的 FIN：FIN 占用一个序号，因此 RCV.NXT 已加 1，越过了这个 FIN。',
    'delayed-ack': '延迟确认计时器超时：发出先前推迟的 ACK（推迟是为了把它捎带在数据报文段上一起发出）。',
    retransmit: '超时重传：重新发送最早的未被确认的报文段，并对重传计时器进行退避（增大 RTO）。',
    'retransmit-partial-ack':
      '丢包恢复期间收到部分确认（partial ACK）：刚重传的报文段之后的那个报文段也丢失了，因此立即重传它，而不必再等一次超时。',
    'fast-retransmit':
      '连续收到三个重复 ACK：有一个报文段丢失而后续报文段已经到达，因此不等计时器超时就立即重传它（快速重传）。',
    'retransmit-r1':
      '再次超时重传：重传次数已达到阈值 R1，TCP 通知 IP 层这条路径可能出现了故障，但仍继续重传。',
    'give-up-syn': 'SYN 已重传到上限 R2 仍无应答：放弃连接，报告“连接超时”，进入 CLOSED 状态。',
    'give-up-syn-linux':
      'Linux 放弃连接尝试：SYN 的重传已用完 net.ipv4.tcp_syn_retries 的时间预算（默认 6 次，自第一个 SYN 起 127 秒，在计时器超时时检查）；报告“连接超时”，进入 CLOSED 状态。',
    'give-up-synack':
      'SYN,ACK 已重传到最大次数仍未得到确认：丢弃这个未完成的连接（半连接），回到 LISTEN 状态继续监听。',
    'give-up-data': '数据或 FIN 已重传到上限 R2 仍未得到确认：报告“连接超时”，进入 CLOSED 状态。',

    // the network and faults
    lost: '这个报文段在网络中丢失了：它永远不会到达，只能靠发送方的重传计时器来补救。',
    'dropped-by-fault': '场景有意丢弃这个报文段，就像网络把它弄丢了一样。',
    duplicated: '网络把这个报文段又交付了一份副本；接收方根据序号就能识别出重复的报文段。',
    injected: '场景构造了一个报文段并发送到网络上，就像早先某个连接遗留下来的旧的重复报文段。',
    crash: '主机崩溃后重启：它丢失了所有连接的信息，而且没有通知对方。',

    // timers
    'timer-retransmission': '重传计时器超时：有报文段在一个 RTO 时间内没有得到确认。',
    'timer-time-wait': 'TIME-WAIT 计时器超时：已经过了 2MSL，本连接产生的所有报文段都已从网络中消失。',
    'timer-delayed-ack': '延迟确认计时器超时。',
    'time-wait-expired': 'TIME-WAIT 已持续 2MSL：删除 TCB，进入 CLOSED 状态。',

    // segment arrives: CLOSED, LISTEN, SYN-SENT (§3.10.7.1–3.10.7.3)
    accepted: '该报文段可以接受（落在接收窗口内），且无需进一步处理，例如重复的 ACK。',
    'closed-rst-discarded': '收到一个发往不存在的连接（CLOSED）的 RST：将其丢弃，因为对 RST 从不作应答。',
    'closed-reset':
      '收到一个发往不存在的连接（CLOSED）的报文段：回送复位报文段，让发送方知道这个连接已不存在。',
    'listen-rst-ignored': '在 LISTEN 状态下收到 RST：没有可以复位的连接，忽略它。',
    'listen-ack-reset':
      '在 LISTEN 状态下收到 ACK，而本方尚未发送过任何可被确认的内容：回送复位报文段 <SEQ=SEG.ACK><CTL=RST>。',
    'listen-syn': '在 LISTEN 状态下收到 SYN：记录 IRS，选择 ISS，回送 SYN,ACK，进入 SYN-RECEIVED 状态。',
    'listen-drop': '在 LISTEN 状态下收到一个不含 SYN、ACK 或 RST 的报文段：将其丢弃。',
    'accept-queue-full':
      '监听套接字的全连接队列已满（等待的连接数超过 backlog）：Linux 丢弃该报文段且不回复，客户端的重传会再次尝试。',
    'time-wait-syn-reopen':
      '处于 TIME-WAIT 的连接收到序号大于 RCV.NXT 的 SYN：Linux 结束旧连接，由监听套接字打开新连接，其 ISS 为旧的 SND.NXT + 65537。',
    'listen-stop-reset':
      '监听套接字被关闭时，这个连接仍在全连接队列中、从未被应用程序 accept：Linux 以复位报文段 <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK> 断开并删除它。',
    'listen-stop-request-dropped':
      '监听套接字被关闭时，这个连接仍在建立中（SYN-RECEIVED）：Linux 悄悄丢弃这个连接请求；客户端的下一个报文段找不到套接字，会收到复位报文段。',
    'two-way-established':
      '两次握手：仅凭一个 SYN 就认定对方确实存在，于是立即进入 ESTABLISHED 状态；这样一来，一个旧的重复 SYN 就会建立起一个错误的连接，这正是 TCP 要采用三次握手的原因。',
    'synsent-bad-ack-reset':
      '在 SYN-SENT 状态下，收到的 ACK 没有确认本方的 SYN（SEG.ACK =< ISS 或 SEG.ACK > SND.NXT）：回送复位报文段 <SEQ=SEG.ACK><CTL=RST>，并丢弃该报文段。',
    'synsent-bad-ack-rst-dropped':
      '在 SYN-SENT 状态下，RST 所带的 ACK 没有确认本方的 SYN，说明它与本连接无关：将其丢弃。',
    'synsent-rst-refused':
      '在 SYN-SENT 状态下收到确认了本方 SYN 的 RST：对方拒绝建立连接；报告“连接被拒绝”，进入 CLOSED 状态。',
    'synsent-rst-no-ack':
      '在 SYN-SENT 状态下，RST 没有带可接受的 ACK，无法证明它是对本方 SYN 的应答：将其丢弃。',
    'synsent-no-syn-dropped': '在 SYN-SENT 状态下收到既无 SYN 也无 RST 的报文段：将其丢弃。',
    'synsent-synack':
      '在 SYN-SENT 状态下收到 SYN,ACK：记录 IRS；本方的 SYN 已被确认（SND.UNA > ISS），于是进入 ESTABLISHED 状态。',
    'synsent-syn-simultaneous':
      '在 SYN-SENT 状态下收到不带 ACK 的 SYN：双方同时发起了连接（同时打开）；进入 SYN-RECEIVED 状态，并发送 SYN,ACK。',

    // segment arrives: other states (§3.10.7.4)
    'ack-throttled':
      '这个报文段本应得到的 ACK 被抑制了：刚刚已经发出太多（RFC 5961 §7 建议 5 秒内至多 10 个挑战 ACK；Linux 每 500 毫秒至多发一个这类 ACK，但对携带数据或 FIN 的报文段总是回 ACK）。这一限制避免两个状态不一致的端点无休止地互发 ACK。',
    'unacceptable-ack':
      '该报文段未通过可接受性检查（落在接收窗口之外）：将其丢弃，并发送一个 ACK，告诉对方本方期望收到的序号。',
    'unacceptable-rst-dropped':
      '落在接收窗口之外的 RST 要么是旧的报文段，要么是伪造的：直接丢弃，不作任何应答。',
    'simultaneous-synack':
      '同时打开：对方的 SYN,ACK 重复了已经收到的 SYN，并确认了本方的 SYN；其中的 SYN 作为重复部分被剔除，只处理 ACK。',
    'synrcvd-dup-syn-ack':
      '在 SYN-RECEIVED 状态下收到重传的 SYN：它重复了已经应答过的那个 SYN（SEG.SEQ = IRS，位于 RCV.NXT 之前），因此未通过可接受性检查；发送 ACK <SEQ=SND.NXT><ACK=RCV.NXT> 并将其丢弃。本方的 SYN,ACK 要等重传计时器超时才重传。',
    'synrcvd-dup-syn-synack':
      '在 SYN-RECEIVED 状态下收到重传的 SYN：它重复了已经应答过的那个 SYN，说明本方的 SYN,ACK 很可能丢失了。Linux 立即重传 SYN,ACK 并重启计时器，而按 RFC 只会回一个 ACK。',
    'time-wait-fin-restart':
      '在 TIME-WAIT 状态下再次收到对方的 FIN（本方最后发出的 ACK 丢失了）：再次确认，并重新启动 2MSL 计时器。',
    'time-wait-ack-restart':
      '在 TIME-WAIT 状态下收到一个旧的 ACK：Linux 回复一个 ACK，并重新启动 TIME-WAIT 计时器；除 RST 外，任何报文段它都这样处理。',
    'time-wait-ack-rescheduled':
      '在 TIME-WAIT 状态下收到一个序号恰好等于 RCV.NXT 的纯 ACK：Linux 重新启动 60 秒的 TIME-WAIT 计时器，不发送任何报文段。',
    'time-wait-rst-dropped':
      '在 TIME-WAIT 状态下收到一个序号不等于 RCV.NXT 的 RST：Linux 直接丢弃它，不作回复，TIME-WAIT 照常持续到超时。',
    'rst-challenge-ack':
      'RST 落在窗口内，但序号并不恰好等于 RCV.NXT，可能是伪造的：不复位连接，而是发送一个挑战 ACK。',
    'synrcvd-rst-listen': '被动打开后在 SYN-RECEIVED 状态下收到 RST：放弃这次连接尝试，回到 LISTEN 状态。',
    'synrcvd-rst-embryonic':
      '正在建立中的连接（被动打开后处于 SYN-RECEIVED）收到一个落在窗口内的 RST：无论序号是否恰好等于 RCV.NXT，Linux 都立即丢弃这个半连接请求，监听套接字继续等待下一个 SYN。',
    'synrcvd-syn-embryonic-reset':
      '正在建立中的连接收到一个落在窗口内的新 SYN：Linux 回复 RST 并丢弃这个半连接请求，监听套接字仍处于 LISTEN 状态。',
    'synrcvd-rst-refused':
      '主动打开后在 SYN-RECEIVED 状态下收到 RST：对方拒绝了连接；报告“连接被拒绝”，进入 CLOSED 状态。',
    'rst-reset':
      '已打开的连接收到一个可接受的 RST：对方异常终止了连接；报告连接已被复位，删除 TCB，进入 CLOSED 状态。',
    'rst-close': '在 CLOSING、LAST-ACK 或 TIME-WAIT 状态下收到可接受的 RST：删除 TCB，进入 CLOSED 状态。',
    'synrcvd-syn-listen':
      '被动打开后在 SYN-RECEIVED 状态下又收到一个新的 SYN：放弃这次连接尝试，回到 LISTEN 状态。',
    'syn-challenge-ack':
      '已同步的连接收到 SYN：发送一个挑战 ACK，并丢弃这个 SYN；如果对方确实已经重启，它会用 RST 来应答。',
    'no-ack-dropped': '该报文段的 ACK 位为 0：连接同步之后，每个报文段都必须带有 ACK，因此将其丢弃。',
    'synrcvd-ack-established':
      '在 SYN-RECEIVED 状态下收到对本方 SYN 的确认（SND.UNA < SEG.ACK =< SND.NXT）：握手完成，进入 ESTABLISHED 状态。',
    'synrcvd-bad-ack-reset':
      '在 SYN-RECEIVED 状态下收到的 ACK 没有确认本方的 SYN：回送复位报文段 <SEQ=SEG.ACK><CTL=RST>。',
    'ack-out-of-range': '这个 ACK 确认的是从未发送过的数据，或者过于陈旧：发送一个 ACK，并丢弃该报文段。',
    'duplicate-ack': '重复 ACK：它没有确认任何新数据，暗示对方可能缺少某个报文段，而后续的报文段正在到达。',
    'ack-advances': '这个 ACK 确认了新的数据：SND.UNA 向前推进，已被确认的报文段从重传队列中移除。',
    'fin-acked': '在 FIN-WAIT-1 状态下，本方的 FIN 得到确认：进入 FIN-WAIT-2 状态，等待对方的 FIN。',
    'closing-fin-acked': '在 CLOSING 状态下，本方的 FIN 得到确认：进入 TIME-WAIT 状态。',
    'last-ack-acked': '在 LAST-ACK 状态下，本方的 FIN 得到确认：删除 TCB，进入 CLOSED 状态。',
    'out-of-order':
      '该报文段的起始序号大于 RCV.NXT，中间出现了缺口：先把它暂存起来，并立即发送一个重复的 ACK，指出缺失数据的起始序号。',
    'data-received': '收到按序到达的数据：交付给应用程序，RCV.NXT 向前推进，并予以确认。',
    'text-ignored': '在对方的 FIN 之后又收到了数据，而 FIN 之后不可能再有数据：忽略这些数据。',
    'fin-received':
      '在 ESTABLISHED 状态下收到对方的 FIN：RCV.NXT 加 1 越过这个 FIN（FIN 占用一个序号），通知应用程序已读到文件结束（EOF），进入 CLOSE-WAIT 状态，等待本方应用程序也关闭。',
    'simultaneous-close':
      '在 FIN-WAIT-1 状态下，本方的 FIN 尚未被确认就收到了对方的 FIN：双方同时关闭；RCV.NXT 加 1 越过这个 FIN，通知应用程序已读到文件结束，确认对方的 FIN，进入 CLOSING 状态。',
    'fin-wait-1-fin-acked':
      '在 FIN-WAIT-1 状态下收到对方的 FIN，同一个报文段还确认了本方的 FIN：其中的 ACK 先使本方进入 FIN-WAIT-2，随后确认这个 FIN、通知应用程序已读到文件结束，并进入 TIME-WAIT 状态等待 2MSL。',
    'fin-wait-2-fin':
      '在 FIN-WAIT-2 状态下收到对方的 FIN：RCV.NXT 加 1 越过这个 FIN，通知应用程序已读到文件结束，发送确认，进入 TIME-WAIT 状态并等待 2MSL。',
  },

  states: {
    CLOSED: '没有任何连接',
    LISTEN: '等待来自任何远端 TCP 的连接请求',
    'SYN-SENT': '已发出连接请求（SYN），等待对方相应的连接请求',
    'SYN-RECEIVED': '已收到对方的 SYN 并发出了本方的 SYN，等待对方确认',
    ESTABLISHED: '连接已建立，数据可以双向传送',
    'FIN-WAIT-1': '本方已关闭（发出 FIN），等待对这个 FIN 的 ACK 或对方的 FIN',
    'FIN-WAIT-2': '本方的 FIN 已被确认，等待对方的 FIN',
    'CLOSE-WAIT': '对方已关闭，等待本方应用程序关闭',
    CLOSING: '双方同时关闭，等待对方对本方 FIN 的 ACK',
    'LAST-ACK': '对方先关闭，本方随后也已关闭，等待对方对本方 FIN 的 ACK',
    'TIME-WAIT': '等待 2MSL，确保对方已收到对其 FIN 的 ACK',
  },

  // Socket call names, shown as code (`connect(…)` in the ladder): kept as in the API.
  calls: {
    listen: 'listen',
    connect: 'connect',
    send: 'send',
    close: 'close',
    abort: 'abort',
  },

  appEvents: {
    listening: '正在监听',
    connected: '连接已建立',
    data: '收到数据',
    eof: '文件结束（对方已关闭）',
    closed: '连接已关闭',
    error: '出错',
  },

  errors: {
    ECONNREFUSED: '连接被拒绝',
    ETIMEDOUT: '连接超时',
    ECONNRESET: '连接被对方复位',
    ENOTCONN: '连接不存在',
    EISCONN: '连接已存在',
    EPIPE: '连接正在关闭',
  },

  timers: {
    retransmission: '重传计时器',
    'time-wait': 'TIME-WAIT 计时器（2MSL）',
    'delayed-ack': '延迟确认计时器',
  },

  dropCauses: {
    loss: '在网络中丢失',
    fault: '被场景设定的故障丢弃',
  },

  lessons: {
    handshake: '建立连接（三次握手）',
    'why-three-way': '为什么要三次握手：旧的重复 SYN',
    teardown: '释放连接（四次挥手）',
    loss: '报文段丢失与超时重传',
    resets: '复位与半开连接',
    'linux-vs-rfc': 'Linux 与 RFC 的差异',
    // --- l-content ---
    simultaneous: '同时打开与同时关闭',
  },

  presets: {
    'rfc9293-fig6': {
      title: 'RFC 9293 图 6：基本的三次握手',
      description:
        'A（ISN 100）向正在监听的 B（ISN 300）发起连接：SYN、SYN,ACK、ACK，随后 A 发送 100 字节数据，其序号 SEQ=101 与那个 ACK 报文段的序号相同。',
    },
    'rfc9293-fig7': {
      title: 'RFC 9293 图 7：同时打开时的连接同步',
      description:
        'A（ISN 100）和 B（ISN 300）在同一时刻发起连接；双方都依次经历 SYN-SENT、SYN-RECEIVED、ESTABLISHED 状态。',
    },
    'rfc9293-fig8': {
      title: 'RFC 9293 图 8：从旧的重复 SYN 中恢复',
      description:
        '一个旧的重复 SYN（SEQ=90）到达 B 时，A 真正的 SYN 还滞留在网络中（延迟 150 毫秒）；A 复位 B 发来的错误 SYN,ACK，B 回到 LISTEN，随后真正的 SYN 到达，握手以 B 的 ISN 400 完成。',
    },
    'rfc9293-fig9': {
      title: 'RFC 9293 图 9：发现半开连接',
      description:
        '连接已建立（A 已发送到序号 99，B 已发送到 299）；A 重启后以 ISN 400 重新发起连接；B 回复的挑战 ACK 促使 A 发送 RST，B 终止连接并重新监听，A 重传的 SYN 完成了一次新的握手。',
    },
    'rfc9293-fig10': {
      title: 'RFC 9293 图 10：由仍在活动的一方发现半开连接',
      description:
        '连接已建立；A 重启后丢失了连接信息；B 发送 10 字节数据（SEQ=300，ACK=100）；A 回复 RST（SEQ=100），B 终止连接并报告 ECONNRESET。',
    },
    'rfc9293-fig11': {
      title: 'RFC 9293 图 11：旧的重复 SYN 在两个被动打开的套接字之间引发复位',
      description:
        'A 和 B 都在监听；一个自称来自 A 的旧 SYN（SEQ=200）到达 B，B 回复 SYN,ACK，处于 LISTEN 状态的 A 将其复位，B 回到 LISTEN 状态。',
    },
    'rfc9293-fig12': {
      title: 'RFC 9293 图 12：正常的关闭过程',
      description:
        '连接已建立（A 的序号为 100，B 的为 300）；A 关闭连接，B 确认 A 的 FIN，稍后也关闭连接；A 在 TIME-WAIT 状态等待 2MSL（这里把 MSL 缩短为 1 秒）。',
    },
    'rfc9293-fig13': {
      title: 'RFC 9293 图 13：同时关闭过程',
      description:
        '连接已建立；A 和 B 在同一时刻关闭连接，双方的 FIN 在网络中交错而过，双方都经过 CLOSING 进入 TIME-WAIT 状态（这里把 MSL 缩短为 1 秒）。',
    },
    'lost-syn': {
      title: 'SYN 丢失',
      description: 'A 的第一个 SYN 丢失；经过 1 秒的初始超时重传时间后，A 重传 SYN，握手随即完成。',
    },
    'lost-syn-ack': {
      title: 'SYN,ACK 丢失',
      description:
        'B 的 SYN,ACK 丢失；1 秒后 A 的 SYN 和 B 的 SYN,ACK 都超时重传；B 对重复的 SYN 只回复一个 ACK（RFC 的做法），完成握手的是 B 自己重传的 SYN,ACK。',
    },
    'lost-ack': {
      title: '握手的最后一个 ACK 丢失',
      description:
        'A 在握手中发出的最后一个 ACK 丢失：A 已进入 ESTABLISHED 状态，而 B 仍停留在 SYN-RECEIVED 状态，直到 1 秒后 B 重传 SYN,ACK、A 再次确认为止。',
    },
    'lost-fin': {
      title: 'FIN 丢失',
      description:
        'A 关闭连接，但它的 FIN 丢失了；超时后 A 重传 FIN，B 予以确认，随后也关闭连接（这里把 MSL 缩短为 1 秒）。',
    },
    'lost-last-ack': {
      title: '挥手的最后一个 ACK 丢失',
      description:
        'A 对 B 的 FIN 的确认丢失；处于 LAST-ACK 状态的 B 重传 FIN，仍处于 TIME-WAIT 状态的 A 再次确认：这正是要设置 TIME-WAIT 状态的原因（这里把 MSL 缩短为 1 秒）。',
    },
    'syn-timeout': {
      title: '连接超时',
      description:
        'A 发出的 SYN 全部丢失；A 按指数退避进行重传（间隔 1、2、4、8 秒……），3 分钟后放弃，报告 ETIMEDOUT。',
    },
    'connection-refused': {
      title: '连接被拒绝',
      description:
        'B 上没有应用程序在监听；B 用 RST,ACK 回复 A 的 SYN，A 的 connect 调用失败，报告 ECONNREFUSED。',
    },
    'old-duplicate-syn': {
      title: '旧的重复 SYN',
      description:
        'A 早已结束的某个连接遗留下来的旧 SYN 到达正在监听的 B；B 回复 SYN,ACK，A（并没有这个连接）将其复位，B 回到 LISTEN 状态；随后 A 才真正发起连接。',
    },
    'two-way-handshake-old-duplicate': {
      title: '两次握手与旧的重复 SYN',
      description:
        '如果只用两次握手，B 会把旧的重复 SYN 当作新的连接请求，并告诉应用程序连接已经建立，而这个“对方”其实并不存在，直到 A 发来 RST 才把连接拆除：这正是第三个报文段要解决的问题。',
    },
    'simultaneous-open': {
      title: '同时打开',
      description:
        'A 和 B 相隔 20 毫秒互相发起连接；两个 SYN 在网络中交错而过，双方各自回复 SYN,ACK，在没有任何一方监听的情况下都进入了 ESTABLISHED 状态。',
    },
    'simultaneous-close': {
      title: '同时关闭',
      description:
        '连接已建立；A 关闭连接，20 毫秒后 B 在收到 A 的 FIN 之前也关闭连接；两个 FIN 交错而过，双方都经过 CLOSING 进入 TIME-WAIT 状态（这里把 MSL 缩短为 1 秒）。',
    },
    'half-open': {
      title: '半开连接',
      description:
        '连接已建立；A 的主机重启，丢失了连接信息；2 秒后 B 发送数据，A 回复 RST，B 终止连接并报告 ECONNRESET。',
    },
    'half-close': {
      title: '半关闭',
      description:
        'A 发送一个请求后关闭了本方的发送方向；B 在 CLOSE-WAIT 状态下继续发送 4000 字节的响应，A 在 FIN-WAIT-2 状态下继续接收，最后 B 关闭连接（这里把 MSL 缩短为 1 秒）。',
    },
    'time-wait-fin-retransmit': {
      title: 'TIME-WAIT 状态下确认重传的 FIN',
      description:
        'A 的最后一个 ACK 连续丢失两次；B 每次重传的 FIN 到达处于 TIME-WAIT 状态的 A 时，A 都再次确认，并重新启动 2MSL 计时器（这里 MSL 为 2 秒）。',
    },
    'data-then-close': {
      title: '发送数据后关闭',
      description:
        'A 发送 4000 字节（分成三个报文段，每个至多 1460 字节）后立即关闭；FIN 紧随数据之后，B 读到文件结束后也关闭连接（这里把 MSL 缩短为 1 秒）。',
    },
    'reset-mid-connection': {
      title: '连接中途复位',
      description:
        'A 发送 1000 字节后异常终止连接：A 发送 RST，B 立即撤销连接并报告 ECONNRESET；整个过程既没有 FIN，也没有 TIME-WAIT。',
    },
    'linux-lost-syn-ack': {
      title: 'SYN,ACK 丢失（Linux）',
      description:
        '采用 Linux 行为模型：B 的 SYN,ACK 及其 1 秒后的重传都丢失了；A 重传的 SYN 使 Linux 立即再发一次 SYN,ACK（若按 RFC，则只回复一个 ACK，等 2 秒后下一次超时再重传 SYN,ACK）。',
    },
    'data-then-close-linux': {
      title: '发送数据后关闭（Linux）',
      description:
        '采用 Linux 行为模型并启用延迟确认：A 发送 1000 字节后关闭；B 读到文件结束即关闭，于是它的 ACK 捎带在 FIN 上，关闭过程只用了三个报文段（这里把 MSL 缩短为 1 秒）。',
    },
    // --- l-content ---
    'lost-data': {
      title: '短路径上的数据丢失',
      description:
        'RTT 为 20 毫秒；A 的第一个数据报文段丢失，A 在 RTO 到期时重传它：RFC 行为模型下在 1 秒后（RFC 6298 规定 RTO 至少 1 秒），Linux 行为模型下在 220 毫秒后（SRTT 加上 200 毫秒的 TCP_RTO_MIN）。',
    },
    'lost-syn-then-data': {
      title: '先丢 SYN，再丢数据（Karn 算法）',
      description:
        'A 的第一个 SYN 丢失，因此握手得不到 RTT 样本（Karn 算法），RTO 变为 3 秒（RFC 6298 §5.7）；随后 A 的第一个数据报文段也丢失，3 秒后才被重传。',
    },
    'challenge-ack': {
      title: '盲复位与挑战 ACK',
      description:
        '连接已建立（A 从 100 开始，B 从 300 开始）；一个伪造的 RST（SEQ=5000）落在 B 的接收窗口内，但不等于 RCV.NXT = 101；B 回复一个挑战 ACK（RFC 5961），连接得以保留。',
    },
    'time-wait-default': {
      title: '使用默认 TIME-WAIT 的关闭',
      description:
        'A 关闭连接，B 读到文件结束后也关闭；这里没有缩短任何计时器，所以 A 的 TIME-WAIT 采用各行为模型自己的时长：RFC 行为模型下为 2MSL = 240 秒，Linux 行为模型下为 60 秒（TCP_TIMEWAIT_LEN）。',
    },
  },

  // --- glossary ---
  glossary: {
    'SND.UNA':
      'send unacknowledged，已发送但未确认：本方已发送、对方尚未确认的最小序号。它之前的数据都已被确认；从 SND.UNA 到 SND.NXT 之间是正在传输的数据，须保留以备重传。',
    'SND.NXT': 'send next，下一个发送序号：本方下一个要发送的字节的序号（SYN 和 FIN 各算一个字节）。',
    'SND.WND':
      'send window，发送窗口：对方愿意接收多少数据，取自对方最近一个报文段的窗口字段。本方最多可以发送到 SND.UNA + SND.WND 为止的新数据。',
    'RCV.NXT':
      'receive next，期望接收的下一个序号：本方期待对方发来的下一个序号，也就是本方发出的确认号，它之前的数据都已收到。',
    'RCV.WND':
      'receive window，接收窗口：从 RCV.NXT 开始，本方愿意接收多少字节，并通过窗口字段通告给对方。落在 RCV.NXT … RCV.NXT + RCV.WND − 1 之外的报文段不可接受。',
    ISS: '初始发送序号：本方 SYN 的序号，在连接开始时选定。SYN 占用这个序号，所以第一个数据字节的序号是 ISS + 1。它取自一个大约每 4 微秒加一的时钟，使新连接不会重用旧连接的序号。',
    IRS: '初始接收序号：对方的初始序号，从对方所发 SYN 的序号得知。对方第一个数据字节的序号是 IRS + 1。对方的 SYN 到达之前，它是未知的。',
    RTO: '重传超时时间：本方等待确认多久，然后重传最早的未确认报文段。按 RFC 6298：在测得往返时间之前为 1 秒，之后为 SRTT + 4·RTTVAR，至少 1 秒（Linux 为 200 毫秒），每次超时后加倍（退避）。',
    SYN: '同步序号：用于建立连接。报文段的序号就是发送方的初始序号（ISN）；SYN 占用这一个序号，所以第一个数据字节的序号是 ISN + 1，对 SYN 的确认号也是 ISN + 1。',
    ACK: '确认号字段有效：确认号是发送方期望收到的下一个序号，它之前的数据都已收到。连接建立以后，这一位总是置 1。ACK 不占用序号。',
    FIN: '发送方没有更多数据了：它已关闭自己的发送方向。和 SYN 一样，FIN 占用一个序号，所以对它的确认号是它的序号 + 数据长度 + 1。',
    RST: '复位连接：如果这个复位报文段的序号可以接受，接收方立即撤销连接，不再交互。RST 用来回应不属于任何连接的报文段，或者由 ABORT 发出；收到 RST 绝不会再回复 RST。',
    PSH: '推送功能：发送方要求接收方尽快把数据交给应用程序，而不必等缓冲区填满。它设置在一次 SEND 调用的最后一个报文段上。',
    CLOSED: '根本没有连接：不存在 TCB。RFC 称 CLOSED 是一个“虚构”的状态，因为它表示连接不存在。',
    LISTEN: '被动打开之后：等待来自任何远端 TCP 及端口的连接请求（SYN）。',
    'SYN-SENT': '主动打开之后：已发出连接请求（SYN），等待对方相应的连接请求。',
    'SYN-RECEIVED': '已收到并发出了连接请求（SYN），等待对方确认本方的 SYN。',
    ESTABLISHED: '连接已打开：收到的数据可以交给应用程序。这是传送数据时的正常状态。',
    'FIN-WAIT-1': '本方已关闭并发出 FIN，等待对方的 FIN，或者对本方 FIN 的确认。',
    'FIN-WAIT-2': '本方的 FIN 已被确认，等待对方的 FIN（对方仍可以继续发送数据）。',
    'CLOSE-WAIT': '对方已关闭（它的 FIN 已到达），等待本方应用程序关闭。本方仍可以继续发送数据。',
    CLOSING: '双方同时关闭：本方的 FIN 被确认之前，对方的 FIN 已经到达；等待对本方 FIN 的确认。',
    'LAST-ACK': '对方先关闭，随后本方发出 FIN（同时确认了对方的 FIN），等待对本方 FIN 的确认。',
    'TIME-WAIT':
      '等待 2·MSL：足以确保对方已收到对其 FIN 的确认，并使这个连接中延迟的报文段不会干扰新的连接。',
    sourcePort: '发送方的端口号。端口和双方的 IP 地址一起标识一个连接。',
    destinationPort: '接收方的端口号。端口和双方的 IP 地址一起标识一个连接。',
    sequenceNumber:
      '报文段中第一个数据字节的序号。SYN 报文段的序号是初始序号（ISN），其第一个数据字节的序号是 ISN + 1。',
    acknowledgmentNumber:
      'ACK 标志置 1 时，它是发送方期望收到的下一个序号，它之前的数据都已收到。没有 ACK 时它没有意义（显示为 0）。',
    flags:
      '控制位：SYN、ACK、FIN、RST、PSH（还有 URG、ECE、CWR，这些场景不会用到）。它们告诉接收方这个报文段的作用。',
    window: '从确认号开始，发送方愿意接收的字节数，即它的接收窗口；对方据此设置自己的 SND.WND。',
    payload:
      '首部之后的数据。每个字节都有自己的序号，所以下一个报文段的序号是这个报文段的序号加上数据长度（SYN 或 FIN 再加 1）。',
  },

  figure5: {
    'passive OPEN': '被动 OPEN',
    'create TCB': '创建 TCB',
    'active OPEN': '主动 OPEN',
    'create TCB, snd SYN': '创建 TCB，发送 SYN',
    CLOSE: '调用 CLOSE',
    'delete TCB': '删除 TCB',
    'rcv SYN': '收到 SYN',
    'snd SYN,ACK': '发送 SYN,ACK',
    SEND: '调用 SEND',
    'snd SYN': '发送 SYN',
    'rcv RST (note 1)': '收到 RST（注 1）',
    'rcv ACK of SYN': '收到对 SYN 的 ACK',
    'rcv SYN,ACK': '收到 SYN,ACK',
    'snd ACK': '发送 ACK',
    'snd FIN': '发送 FIN',
    'rcv FIN': '收到 FIN',
    'rcv ACK of FIN': '收到对 FIN 的 ACK',
    'Timeout=2MSL': '2MSL 超时',
  },
};

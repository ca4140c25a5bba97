/**
 * How a capture's inferred scenario was kept inside a scenario's limits (Replay.limitNotes), in en and
 * zh-CN. A catalog of its own, loaded with the capture panel rather than with the page; typed so that a
 * missing Chinese sentence fails the typecheck.
 */
export const limitNotesEn = {
  noteSegmentTooLong:
    '{n} segment(s) longer than {max} bytes (frame {frame}: {bytes} bytes, a jumbogram): each counted as {max} bytes',
  noteLatencyClamped: 'one-way latency {ms} ms is more than a scenario allows: {max} ms assumed',
  noteTimeCut:
    'the capture lasts longer than a scenario may ({days} days): the last {n} frame(s) are not replayed',
  noteActionsCut: '{total} user calls inferred, more than a scenario may hold: the first {kept} are replayed',
  noteFaultsCut: '{total} drop rules inferred, more than a scenario may hold: the first {kept} are replayed',
  notePortZero: "{name}'s port is 0, which a scenario cannot hold: replayed as port 1",
  noteModelTruncated: 'the model stopped at {events} events: the last {n} frame(s) are not compared',
} as const;

export const limitNotesZh: Record<keyof typeof limitNotesEn, string> = {
  noteSegmentTooLong:
    '{n} 个报文段超过 {max} 字节（第 {frame} 帧：{bytes} 字节，巨型帧）：每个按 {max} 字节计算',
  noteLatencyClamped: '单向时延 {ms} 毫秒超出场景允许的范围：按 {max} 毫秒计算',
  noteTimeCut: '抓包时长超过场景允许的 {days} 天：最后 {n} 帧不参与重放',
  noteActionsCut: '推断出 {total} 个用户调用，超出场景的容量：只重放前 {kept} 个',
  noteFaultsCut: '推断出 {total} 条丢弃规则，超出场景的容量：只重放前 {kept} 条',
  notePortZero: '{name} 的端口为 0，场景中不能使用：按端口 1 重放',
  noteModelTruncated: '模型在 {events} 个事件处停止：最后 {n} 帧未参与比较',
};

/**
 * What the page says while a long run builds, in en and zh-CN (ComputeStatus). A catalog of its own, loaded
 * with ComputeStatus the first time there is something to say; typed so that a missing Chinese sentence
 * fails the typecheck.
 */
export const computeStatusEn = {
  computingScenario: 'Running the simulation: {n} events so far',
  computingRead: 'Reading the capture…',
  computingReplay: 'Comparing the capture with the model…',
  computingLabel: 'Simulation in progress',
  computingKeep: 'The page shows the previous scenario until this one is ready.',
  cancel: 'Cancel',
  cancelledNote: 'Cancelled. The page still shows the scenario it had.',
  pageLimitNote:
    'The page shows the first {shown} events of this run; the scenario allows {max} (options.maxEvents). The command line runs all of it: npm run sim -- scenario.json',
} as const;

export const computeStatusZh: Record<keyof typeof computeStatusEn, string> = {
  computingScenario: '正在运行模拟：已有 {n} 个事件',
  computingRead: '正在读取抓包文件…',
  computingReplay: '正在将抓包与模型对比…',
  computingLabel: '模拟进行中',
  computingKeep: '新场景准备好之前，页面仍显示原来的场景。',
  cancel: '取消',
  cancelledNote: '已取消。页面仍显示原来的场景。',
  pageLimitNote:
    '页面只显示这次运行的前 {shown} 个事件；该场景允许 {max} 个（options.maxEvents）。命令行会完整运行：npm run sim -- scenario.json',
};

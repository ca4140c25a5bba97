import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';

describe('parseArgs', () => {
  it('reads a preset run with its overrides', () => {
    expect(parseArgs(['lost-syn', '--format', 'json', '--seed', '7', '--profile', 'linux'])).toEqual({
      kind: 'run',
      target: 'lost-syn',
      format: 'json',
      seed: 7,
      profile: 'linux',
    });
  });

  it('accepts --flag=value', () => {
    expect(parseArgs(['x.json', '--seed=0'])).toEqual({
      kind: 'run',
      target: 'x.json',
      format: 'text',
      seed: 0,
    });
  });

  it('reads montecarlo, with the loss as a probability or a percentage', () => {
    expect(parseArgs(['montecarlo', '--runs', '200', '--loss', '0.1', '--latency', '20'])).toEqual({
      kind: 'montecarlo',
      runs: 200,
      lossRate: 0.1,
      latencyMs: 20,
      format: 'text',
    });
    expect(parseArgs(['montecarlo', '--runs', '5', '--loss', '25%'])).toMatchObject({ lossRate: 0.25 });
  });

  it('reads --list, --help and -h', () => {
    expect(parseArgs(['--list'])).toEqual({ kind: 'list' });
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['lost-syn', '-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--frobnicate'], '--frobnicate'],
    [['lost-syn', '--seed'], '--seed needs a value'],
    [['lost-syn', '--seed', '--profile', 'rfc'], '--seed needs a value'],
    [['lost-syn', '--seed', 'abc'], '--seed'],
    [['lost-syn', '--seed', '1.5'], '--seed'],
    [['lost-syn', '--seed', '-1'], '--seed'],
    [['lost-syn', '--seed', '4294967296'], '--seed'],
    [['lost-syn', '--seed', '0x10'], '--seed'],
    [['lost-syn', '--profile', 'bsd'], '--profile'],
    [['lost-syn', '--format', 'yaml'], '--format'],
    [['lost-syn', '--runs', '10'], '--runs is only valid with montecarlo'],
    [['lost-syn', 'lost-ack'], 'unexpected argument lost-ack'],
    [['montecarlo', '--loss', '0.1'], '--runs'],
    [['montecarlo', '--runs', '10'], '--loss'],
    [['montecarlo', '--runs', '0', '--loss', '0.1'], '--runs'],
    [['montecarlo', '--runs', '1e3', '--loss', '0.1'], '--runs'],
    [['montecarlo', '--runs', '10', '--loss', '2'], '--loss'],
    [['montecarlo', '--runs', '10', '--loss', '101%'], '--loss'],
    [['montecarlo', '--runs', '10', '--loss', '0.1', '--latency', 'slow'], '--latency'],
    [['--list', 'lost-syn'], '--list'],
    [['lost-syn', '--seed', '1', '--seed', '2'], '--seed is given twice'],
  ])('rejects %j naming the culprit', (argv, mention) => {
    const outcome = parseArgs(argv);
    expect(outcome.kind).toBe('error');
    if (outcome.kind === 'error') expect(outcome.message).toContain(mention);
  });

  it('asks for the usage text when there is nothing to do', () => {
    expect(parseArgs([])).toMatchObject({ kind: 'error', usage: true });
  });
});

/** `npm run classroom`'s flags (the design's "Files": main.ts), parsed without starting anything. */
import { describe, expect, it } from 'vitest';
import { parseClassroomArgs } from '../../src/server/args';

describe('parseClassroomArgs', () => {
  it('defaults to port 8080 on every interface, ./synack-classroom.db and ./dist, building if needed', () => {
    expect(parseClassroomArgs([])).toEqual({
      kind: 'run',
      args: {
        port: 8080,
        host: '0.0.0.0',
        data: './synack-classroom.db',
        staticDir: './dist',
        build: true,
        publicUrl: null,
      },
    });
  });

  it('reads each flag, its value after a space or "="', () => {
    const parsed = parseClassroomArgs([
      '--port=0',
      '--host',
      '127.0.0.1',
      '--data',
      '/tmp/x.db',
      '--static=out',
      '--no-build',
      '--public-url',
      'http://class.example:8080/',
    ]);
    expect(parsed).toEqual({
      kind: 'run',
      args: {
        port: 0,
        host: '127.0.0.1',
        data: '/tmp/x.db',
        staticDir: 'out',
        build: false,
        publicUrl: 'http://class.example:8080',
      },
    });
    expect(parseClassroomArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--port', '65536'], '--port must be an integer from 0 to 65535, not "65536"'],
    [['--port', '-1'], '--port must be an integer from 0 to 65535, not "-1"'],
    [['--port'], '--port needs a value'],
    [['--data='], '--data needs a value'],
    [
      ['--public-url', 'class.example'],
      '--public-url must be an http:// or https:// URL, not "class.example"',
    ],
    [['--verbose'], 'unknown option "--verbose" (see --help)'],
    [['extra'], 'unknown option "extra" (see --help)'],
  ])('refuses %j: %s', (argv, message) => {
    expect(parseClassroomArgs(argv)).toEqual({ kind: 'error', message });
  });
});

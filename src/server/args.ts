/**
 * The `npm run classroom` command line, parsed into options or a one-line error (exit 2). Pure, so every
 * rejection is testable. A flag takes its value as the next argument or after "=" (`--port 80`, `--port=80`).
 */

export interface ClassroomArgs {
  port: number;
  host: string;
  data: string;
  staticDir: string;
  build: boolean;
  publicUrl: string | null;
}

export type ParsedArgs =
  | { kind: 'run'; args: ClassroomArgs }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

export const CLASSROOM_USAGE = `Usage: npm run classroom -- [options]
  --port N          port to listen on (default 8080; 0 picks a free one)
  --host H          address to listen on (default 0.0.0.0: every interface)
  --data FILE       the SQLite database (default ./synack-classroom.db)
  --static DIR      the built page (default ./dist; built first if missing or older than src/)
  --no-build        never build the page
  --public-url URL  the address students are given (default: this machine's LAN address)
  --help            this text
`;

const VALUE_FLAGS = ['--port', '--host', '--data', '--static', '--public-url'] as const;

export function parseClassroomArgs(argv: readonly string[]): ParsedArgs {
  const args: ClassroomArgs = {
    port: 8080,
    host: '0.0.0.0',
    data: './synack-classroom.db',
    staticDir: './dist',
    build: true,
    publicUrl: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--no-build') {
      args.build = false;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!(VALUE_FLAGS as readonly string[]).includes(flag))
      return { kind: 'error', message: `unknown option ${JSON.stringify(arg.slice(0, 60))} (see --help)` };
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') return { kind: 'error', message: `${flag} needs a value` };
    switch (flag) {
      case '--port': {
        const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
        if (!(port >= 0 && port <= 65535))
          return {
            kind: 'error',
            message: `--port must be an integer from 0 to 65535, not ${JSON.stringify(value)}`,
          };
        args.port = port;
        break;
      }
      case '--host':
        args.host = value;
        break;
      case '--data':
        args.data = value;
        break;
      case '--static':
        args.staticDir = value;
        break;
      case '--public-url': {
        if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(value))
          return {
            kind: 'error',
            message: `--public-url must be an http:// or https:// URL, not ${JSON.stringify(value)}`,
          };
        args.publicUrl = value.replace(/\/+$/, '');
        break;
      }
    }
  }
  return { kind: 'run', args };
}

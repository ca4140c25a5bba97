/** `npm run test:tshark`: exported pcap files checked by Wireshark's tshark (see test/tool-suite.ts). */
import { runToolSuite } from '../tool-suite';
import { TSHARK, tsharkAvailable } from './tshark';

runToolSuite(
  'test:tshark',
  tsharkAvailable(),
  `${TSHARK} not found: install it with \`apt-get install -y tshark\` (or set TSHARK_PATH) to check pcap files with Wireshark.`,
  'test/interop/vitest.tshark.config.ts',
);

// Starts the telegram-test-api emulator (a fake Telegram Bot API server) for the Watch tests.
// Usage: node telegram-server.js [port]   (or TELEGRAM_TEST_API_PORT; 0 = let the OS choose)
// Prints one line `READY {"port":N}` once listening, and exits when stdin closes or on SIGTERM/SIGINT,
// so a test process that dies never leaves the emulator running.
'use strict';

const TelegramServer = require('telegram-test-api');

const port = Number(process.argv[2] ?? process.env.TELEGRAM_TEST_API_PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`telegram-server.js: invalid port '${process.argv[2] ?? process.env.TELEGRAM_TEST_API_PORT}'`);
  process.exit(2);
}

// storeTimeout (seconds): the emulator forgets messages older than this; keep them for the whole test run.
const server = new TelegramServer({ port: port || 1, host: '127.0.0.1', storeTimeout: 24 * 3600 });
// normalizeConfig turns port 0 into 9000; listening on 0 avoids a race on a port picked in advance.
server.config.port = port;

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  try { await server.stop(); } finally { process.exit(code); }
}

server.start().then(() => {
  const actual = server.server.address().port;
  server.config.apiURL = `http://127.0.0.1:${actual}`;
  process.stdout.write(`READY ${JSON.stringify({ port: actual })}\n`);
}, (error) => {
  console.error(`telegram-server.js: cannot listen on 127.0.0.1:${port}: ${error.message}`);
  process.exit(1);
});

process.stdin.on('end', () => stop(0));
process.stdin.on('close', () => stop(0));
process.stdin.resume();
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));

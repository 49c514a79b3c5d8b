// Starts MailDev (an SMTP server that keeps every message and shows it through a REST API) for the Watch tests.
// Usage: node maildev-server.js <smtpPort> <webPort> <mailDirectory>   (0 = let the OS choose a free port)
// Prints one line `READY {"smtpPort":N,"webPort":M}` once both servers listen on 127.0.0.1,
// and exits when stdin closes or on SIGTERM/SIGINT, so a test process that dies never leaves it running.
'use strict';

const net = require('net');
const os = require('os');
const path = require('path');
const MailDev = require('maildev');
const web = require('maildev/lib/web');

const [smtpArg = '0', webArg = '0', mailDirectory = path.join(os.tmpdir(), `maildev-${process.pid}`)] = process.argv.slice(2);

function parsePort(text, name) {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`maildev-server.js: invalid ${name} port '${text}'`);
    process.exit(2);
  }
  return port;
}

// MailDev turns port 0 into its defaults (1025/1080), so free ports are asked from the OS here.
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function main() {
  let smtpPort = parsePort(smtpArg, 'SMTP');
  let webPort = parsePort(webArg, 'web');
  if (smtpPort === 0) smtpPort = await freePort();
  while (webPort === 0 || webPort === smtpPort) webPort = await freePort();

  const maildev = new MailDev({
    smtp: smtpPort,
    web: webPort,
    ip: '127.0.0.1',
    webIp: '127.0.0.1',
    mailDirectory,
    silent: true,
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    maildev.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  const webListening = new Promise((resolve, reject) => {
    if (web.server.listening) return resolve();
    web.server.once('listening', resolve);
    web.server.once('error', reject);
  });
  await maildev.listen();
  await webListening;
  process.stdout.write(`READY ${JSON.stringify({ smtpPort, webPort })}\n`);
}

main().catch((error) => {
  console.error(`maildev-server.js: ${error.stack || error.message}`);
  process.exit(1);
});

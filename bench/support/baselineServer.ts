// The baseline: a bare Node `http` server that reads the whole body and answers 202 with a small JSON body
// of about the intake's size. No parsing, no validation, no storage: what Node alone costs on this machine.
import http from 'node:http';

const body = Buffer.from(
  JSON.stringify({
    accepted: 1,
    format: 'generic-v1',
    alerts: [
      {
        id: '00000000000000000000000000000000',
        fingerprint: 'baseline',
        condition: 'fired',
        workloadId: 'orders-api',
        workloadIds: ['orders-api'],
      },
    ],
  }),
);

const server = http.createServer((request, response) => {
  request.on('data', () => {});
  request.on('end', () => {
    response.writeHead(202, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    response.end(body);
  });
});

server.listen(Number(process.env.BASELINE_PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  console.log(`baseline listening on http://127.0.0.1:${port}`);
});

process.once('SIGTERM', () => process.exit(0));
process.once('SIGINT', () => process.exit(0));

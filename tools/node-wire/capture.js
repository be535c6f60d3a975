// Runs Feishu's official Node SDK against a loopback server and prints every request it sends
// (method, path, query, headers that matter, JSON body) for the input of the usage example in
// docs/spec-format.md. Output: tests/FeishuApiGen.Package.Tests/Fixtures/node-sdk-wire.json.
'use strict';
const http = require('node:http');
const lark = require('@larksuiteoapi/node-sdk');

const recorded = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    const url = new URL(req.url, 'http://127.0.0.1');
    recorded.push({
      method: req.method,
      path: url.pathname,
      query: url.search,
      authorization: req.headers['authorization'] ?? null,
      contentType: req.headers['content-type'] ?? null,
      body: body.length ? JSON.parse(body) : null,
    });
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    if (url.pathname === '/open-apis/auth/v3/tenant_access_token/internal') {
      res.end(JSON.stringify({ code: 0, msg: 'ok', tenant_access_token: 't-loopback', expire: 7200 }));
    } else {
      res.end(JSON.stringify({ code: 0, msg: 'success', data: { assessment_ids: ['7140964208476371991'] } }));
    }
  });
});

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  const client = new lark.Client({
    appId: 'cli_a',
    appSecret: 's',
    domain: `http://127.0.0.1:${port}`,
    loggerLevel: lark.LoggerLevel.error,
  });
  try {
    const answer = await client.corehr.v2.probationAssessment.create({
      params: { user_id_type: 'open_id' },
      data: {
        employment_id: '7140964208476371111',
        assessments: [{
          assessment_status: 'completed',
          assessment_result: 'approved',
          assessment_score: 99.9,
          is_final_asssessment: false,
        }],
      },
    });
    process.stdout.write(JSON.stringify({ sdk: '@larksuiteoapi/node-sdk@1.74.0', requests: recorded, answer }, null, 2) + '\n');
  } finally {
    server.close();
  }
});

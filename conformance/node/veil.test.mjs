// The official openai Node SDK against a running Veil with stub upstreams.
//
// NodeSdkConformanceTest (proxy module) starts Veil and the stubs, runs this file with `node --test`
// and then asserts what the stubs received; this side cannot see the stubs, so every scenario
// appends what the client observed, as one JSON line, to the file named by VEIL_OBSERVATIONS.
//
// Environment:
//   VEIL_BASE_URL                 Veil with a policy that pseudonymizes e-mail addresses and phone numbers
//   VEIL_DEFAULT_POLICY_BASE_URL  Veil with the default policy (personal data and token ids stay internal)
//   VEIL_OBSERVATIONS             file to append observations to
//   VEIL_TEST_EMAIL               the e-mail address the scenarios send
//
// Every text sent carries its scenario's tag, e.g. [node:chat], so the Java side can tell which
// upstream request belongs to which scenario.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import OpenAI from 'openai';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; run this suite through NodeSdkConformanceTest`);
  }
  return value;
}

const EMAIL = required('VEIL_TEST_EMAIL');
const OBSERVATIONS = required('VEIL_OBSERVATIONS');
const MODEL = 'gpt-4o-mini';
const TOKEN = /EMAIL_[0-9A-F]{8}/;

function client(baseURL) {
  return new OpenAI({ baseURL, apiKey: 'client-key-node-conformance', maxRetries: 0, timeout: 15_000 });
}

const redacting = client(required('VEIL_BASE_URL'));
const defaults = client(required('VEIL_DEFAULT_POLICY_BASE_URL'));

/** Runs one scenario and records what the client saw, whether it passed or threw. */
function scenario(name, body) {
  test(name, async () => {
    const observation = { scenario: name };
    try {
      await body(observation);
      observation.status = 'ok';
    } catch (error) {
      observation.status = 'failed';
      observation.error = String(error?.message ?? error);
      throw error;
    } finally {
      appendFileSync(OBSERVATIONS, JSON.stringify(observation) + '\n');
    }
  });
}

const lookupTool = {
  type: 'function',
  function: {
    name: 'lookup_customer',
    description: 'Finds a customer record.',
    parameters: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  },
};

scenario('chat', async (o) => {
  const said = `[node:chat] Please write to ${EMAIL} about the invoice.`;
  const c = await redacting.chat.completions.create({
    model: MODEL,
    messages: [{ role: 'user', content: `echo: ${said}` }],
  });
  o.expected = said;
  o.received = c.choices[0].message.content;
  o.model = c.model;
  assert.equal(o.received, said);
  assert.equal(c.model, MODEL);
});

scenario('chat-internal', async (o) => {
  // The default policy keeps personal data on the self-hosted model, unredacted.
  const said = `[node:chat-internal] Remind ${EMAIL} of the meeting.`;
  const c = await defaults.chat.completions.create({
    model: MODEL,
    messages: [{ role: 'user', content: `echo: ${said}` }],
  });
  o.expected = said;
  o.received = c.choices[0].message.content;
  o.model = c.model;
  assert.equal(o.received, said);
  assert.equal(c.model, MODEL, 'the client sees the model it asked for');
});

scenario('chat-stream', async (o) => {
  const said = `[node:chat-stream] Forward it to ${EMAIL}, then call back.`;
  const stream = await redacting.chat.completions.create({
    model: MODEL,
    messages: [{ role: 'user', content: `echo: ${said}` }],
    stream: true,
  });
  const pieces = [];
  let finish = null;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    if (choice?.delta?.content) {
      pieces.push(choice.delta.content);
    }
    finish = choice?.finish_reason ?? finish;
  }
  o.expected = said;
  o.received = pieces.join('');
  o.chunks = pieces.length;
  o.finishReason = finish;
  assert.equal(o.received, said);
  assert.ok(pieces.every((p) => !p.includes('EMAIL_')), `a token reached the client: ${JSON.stringify(pieces)}`);
  assert.equal(finish, 'stop');
});

scenario('tool-call-round-trip', async (o) => {
  const messages = [{ role: 'user', content: `[node:tool-call-round-trip] Look up the customer ${EMAIL}` }];
  const first = await redacting.chat.completions.create({ model: MODEL, messages, tools: [lookupTool] });
  const assistant = first.choices[0].message;
  const call = assistant.tool_calls[0];
  o.toolName = call.function.name;
  o.expectedArguments = JSON.stringify({ text: messages[0].content });
  o.toolArguments = call.function.arguments;
  assert.equal(first.choices[0].finish_reason, 'tool_calls');
  assert.equal(JSON.parse(call.function.arguments).text, messages[0].content);

  messages.push(assistant);
  messages.push({ role: 'tool', tool_call_id: call.id, content: `Record for ${EMAIL}: active customer` });
  const second = await redacting.chat.completions.create({ model: MODEL, messages, tools: [lookupTool] });
  o.expected = `Tool said: Record for ${EMAIL}: active customer`;
  o.received = second.choices[0].message.content;
  assert.equal(o.received, o.expected);
});

scenario('tool-call-stream', async (o) => {
  const text = `[node:tool-call-stream] Find orders of ${EMAIL} please`;
  // The SDK's own stream helper, which assembles tool-call deltas as applications do.
  const stream = redacting.chat.completions.stream({
    model: MODEL,
    messages: [{ role: 'user', content: text }],
    tools: [lookupTool],
  });
  const done = await stream.finalChatCompletion();
  const call = done.choices[0].message.tool_calls[0];
  o.toolName = call.function.name;
  o.expectedArguments = JSON.stringify({ text });
  o.toolArguments = call.function.arguments;
  assert.equal(call.function.name, 'lookup_customer');
  assert.equal(JSON.parse(call.function.arguments).text, text);
});

scenario('embeddings-string', async (o) => {
  // encoding_format is given because the SDK otherwise asks for base64, which the stub does not speak.
  const r = await redacting.embeddings.create({
    model: 'text-embedding-3-small',
    input: `[node:embeddings-string] Customer ${EMAIL} asked for a refund.`,
    encoding_format: 'float',
  });
  o.embedding = r.data[0].embedding;
  assert.deepEqual(o.embedding, [0.1, 0.2, 0.3]);
});

scenario('embeddings-array', async (o) => {
  const r = await redacting.embeddings.create({
    model: 'text-embedding-3-small',
    input: ['[node:embeddings-array] A note without personal data.', `Mail ${EMAIL}`],
    encoding_format: 'float',
  });
  o.embedding = r.data[0].embedding;
  assert.deepEqual(o.embedding, [0.1, 0.2, 0.3]);
});

scenario('embeddings-token-arrays', async (o) => {
  // Token ids carry no tag; the Java side recognises these ids.
  const r = await defaults.embeddings.create({
    model: 'text-embedding-3-small',
    input: [[424242, 1917, 0], [15339, 1070]],
    encoding_format: 'float',
  });
  o.embedding = r.data[0].embedding;
  o.model = r.model;
  assert.deepEqual(o.embedding, [0.1, 0.2, 0.3]);
});

scenario('responses', async (o) => {
  const said = `[node:responses] Summarize the thread with ${EMAIL}.`;
  const r = await redacting.responses.create({ model: MODEL, input: `echo: ${said}` });
  o.expected = said;
  o.received = r.output_text;
  assert.equal(r.output_text, said);
});

scenario('responses-stream', async (o) => {
  const said = `[node:responses-stream] Draft a reply to ${EMAIL} today.`;
  const stream = await redacting.responses.create({ model: MODEL, input: `echo: ${said}`, stream: true });
  const types = [];
  const deltas = [];
  let doneText = null;
  let completedText = null;
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === 'response.output_text.delta') {
      deltas.push(event.delta);
    } else if (event.type === 'response.output_text.done') {
      doneText = event.text;
    } else if (event.type === 'response.completed') {
      completedText = event.response.output[0].content[0].text;
    }
  }
  o.expected = said;
  o.received = deltas.join('');
  o.doneText = doneText;
  o.completedText = completedText;
  o.eventTypes = [...new Set(types)];
  assert.equal(o.received, said);
  assert.equal(doneText, said);
  assert.equal(completedText, said);
  assert.ok(deltas.every((d) => !TOKEN.test(d)), `a token reached the client: ${JSON.stringify(deltas)}`);
});

scenario('models', async (o) => {
  const page = await redacting.models.list();
  o.models = page.data.map((m) => ({ id: m.id, owned_by: m.owned_by, veil_upstream: m.veil_upstream }));
  assert.deepEqual(new Set(o.models.map((m) => m.veil_upstream)), new Set(['openai', 'local']));
});

// A small Dockerfile reader for the tests: stages and their instructions (continuation lines
// joined, comments dropped), enough for the instructions this repository's Dockerfile uses.

/** Parses `text` into { args, stages: [{ name, from, instructions: [{ op, flags, args, raw }] }] }. */
export function parseDockerfile(text) {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const args = {};
  const stages = [];
  for (const raw of lines.map((l) => l.trim())) {
    if (raw === '' || raw.startsWith('#')) continue;
    const [, op, rest = ''] = raw.match(/^(\S+)\s*(.*)$/);
    const upper = op.toUpperCase();
    const flags = {};
    let body = rest;
    while (/^--[a-z-]+=\S+\s/.test(body)) {
      const [, key, value, tail] = body.match(/^--([a-z-]+)=(\S+)\s+(.*)$/);
      flags[key] = value;
      body = tail;
    }
    const json = body.startsWith('[') ? JSON.parse(body) : null;
    const instruction = {
      op: upper,
      flags,
      args: json ?? body.split(/\s+/),
      exec: json !== null,
      raw: body,
    };
    if (upper === 'ARG' && stages.length === 0) {
      const [name, value] = body.split('=');
      args[name] = value;
    } else if (upper === 'FROM') {
      const [image, as, name] = body.split(/\s+/);
      if (as && as.toUpperCase() !== 'AS') throw new Error(`FROM ${body}: expected "AS name"`);
      const from = image.replace(/\$\{(\w+)\}/g, (_, v) => args[v] ?? '');
      stages.push({ name: name ?? String(stages.length), from, instructions: [] });
    } else {
      if (stages.length === 0) throw new Error(`${upper} before the first FROM`);
      stages.at(-1).instructions.push(instruction);
    }
  }
  return { args, stages };
}

/** ENV instructions of a stage as one object (`ENV A=1 B=2`). */
export function stageEnv(stage) {
  const env = {};
  for (const i of stage.instructions.filter((x) => x.op === 'ENV')) {
    for (const pair of i.args) {
      const at = pair.indexOf('=');
      env[pair.slice(0, at)] = pair.slice(at + 1);
    }
  }
  return env;
}

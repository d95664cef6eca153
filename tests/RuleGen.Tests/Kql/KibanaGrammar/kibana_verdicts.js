// Runs Kibana's own kuery grammar over queries and writes what it makes of each (see README.md).
// Usage: node kibana_verdicts.js KIBANA_PARSER.js QUERIES.jsonl OUT.jsonl
// KIBANA_PARSER.js is grammar.peggy of @kbn/es-query compiled with `peggy --format commonjs`. Each output line is
// {"query": q, "kibana": tree} or {"query": q, "error": offset}; the tree is in the form of KqlSyntaxPrinter.Kibana:
// (is F V) (range F op V) (nested P Q) (and …) (or …) (not …), literals "quoted" or 'unquoted' (* a wildcard, \* a
// star), #null #true #false for Kibana's null and boolean literals and for the field of free text.
const fs = require('fs');
const parser = require(require('path').resolve(process.argv[2]));
const SYMBOL = '@kuery-wildcard@';
const nodeTypes = {
  function: {
    buildNodeWithArgumentNodes: (name, args) => ({ type: 'function', function: name, arguments: args }),
    // Only the empty query calls it, with ('is', '*', '*').
    buildNode: () => ({ type: 'function', function: 'is', arguments: [{ type: 'wildcard', value: SYMBOL }, { type: 'wildcard', value: SYMBOL }] }),
  },
  literal: { buildNode: (value, isQuoted) => ({ type: 'literal', value, isQuoted: !!isQuoted }) },
  wildcard: { buildNode: (value) => ({ type: 'wildcard', value }), KQL_WILDCARD_SYMBOL: SYMBOL, isNode: (n) => n.type === 'wildcard', hasLeadingWildcard: () => false },
};

function escape(text, quote) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i], code = text.charCodeAt(i);
    if (c === '\\') out += '\\\\';
    else if (c === '\t') out += '\\t';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === quote) out += '\\' + c;
    else if (code < 32 || code === 0xa0 || (code >= 0xd800 && code <= 0xdfff) || (code >= 0x2000 && code <= 0x200f) || code >= 0xfff0 || code === 0xfeff) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += c;
  }
  return out;
}

function literal(node) {
  if (node.type === 'wildcard') return "'" + node.value.split(SYMBOL).map((p) => escape(p, "'").replace(/\*/g, '\\*')).join('*') + "'";
  if (node.value === null) return '#null';
  if (node.value === true) return '#true';
  if (node.value === false) return '#false';
  if (node.isQuoted) return '"' + escape(node.value, '"') + '"';
  return "'" + escape(node.value, "'").replace(/\*/g, '\\*') + "'";
}

function tree(node) {
  const a = node.arguments;
  switch (node.function) {
    case 'is': return `(is ${literal(a[0])} ${literal(a[1])})`;
    case 'range': return `(range ${literal(a[0])} ${a[1]} ${literal(a[2])})`;
    case 'nested': return `(nested ${literal(a[0])} ${tree(a[1])})`;
    default: return `(${node.function} ${a.map(tree).join(' ')})`;
  }
}

const out = [];
for (const line of fs.readFileSync(process.argv[3], 'utf8').split('\n')) {
  if (!line) continue;
  const query = JSON.parse(line);
  try {
    out.push(JSON.stringify({ query, kibana: tree(parser.parse(query, { helpers: { nodeTypes } })) }));
  } catch (e) {
    if (!e.location) throw e;
    out.push(JSON.stringify({ query, error: e.location.start.offset }));
  }
}
fs.writeFileSync(process.argv[4], out.join('\n') + '\n');

// The baseline for benches/layout.rs: graphology-layout-forceatlas2 (Barnes-Hut) on the same
// file, the same start and the same number of iterations.
//   node scripts/fa2_graphology.js IN OUT
// Needs graphology and graphology-layout-forceatlas2 at the versions pinned in
// requirements.txt (`# npm:` lines), found through NODE_PATH or a node_modules/ above.
const fs = require('fs');
const Graph = require('graphology');
const forceAtlas2 = require('graphology-layout-forceatlas2');

const [input, output, theta] = process.argv.slice(2);
const lines = fs.readFileSync(input, 'utf8').split('\n');
const [n, m, iterations] = lines[0].split(' ').map(Number);
const graph = new Graph({type: 'undirected', multi: false, allowSelfLoops: false});
for (let i = 0; i < n; i++) {
  const [x, y] = lines[1 + i].split(' ').map(Number);
  graph.addNode(i, {x, y});
}
for (let e = 0; e < m; e++) {
  const [a, b] = lines[1 + n + e].split(' ');
  graph.addEdge(a, b);
}
const settings = {
  barnesHutOptimize: true,
  barnesHutTheta: Number(theta),
  scalingRatio: 10,
  gravity: 1,
  strongGravityMode: false,
  linLogMode: false,
  adjustSizes: false,
  outboundAttractionDistribution: false,
  slowDown: 1,
};
const started = process.hrtime.bigint();
const positions = forceAtlas2(graph, {iterations, settings});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const out = [];
for (let i = 0; i < n; i++) out.push(`${positions[i].x} ${positions[i].y}`);
fs.writeFileSync(output, out.join('\n') + '\n');
console.log(JSON.stringify({nodes: n, edges: m, iterations, seconds: Number(seconds.toFixed(4))}));

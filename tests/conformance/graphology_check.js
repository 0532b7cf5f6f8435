// Reads the positions and communities of edge-atlas exports back with graphology, as sigma.js
// and Gephi Lite do, and compares them with what `edge-atlas layout` wrote.
//
//   node graphology_check.js DIR LAYOUT_CSV
//
// DIR holds edge-atlas.graphml, .gexf and .json. GraphML is read by graphology-graphml, GEXF
// by graphology-gexf (viz:position), the JSON node-link file by graphology's own import once
// its nodes are renamed to graphology's serialisation (`key`, `attributes`). Prints one JSON
// object: for each reader, the nodes and edges it read, how many nodes have the CSV's x and y
// exactly, the largest difference, and how many have the CSV's community.
// Needs the `# npm:` pins of requirements.txt, found through NODE_PATH.
'use strict';
const fs = require('fs');
const Graph = require('graphology');
const graphml = require('graphology-graphml');
const gexf = require('graphology-gexf');

const [directory, layout] = process.argv.slice(2);

// The layout CSV: id,x,y,community; ids are kind:id (no comma, no quote).
const want = new Map();
for (const line of fs.readFileSync(layout, 'utf8').split('\n').slice(1)) {
  if (!line) continue;
  const [id, x, y, community] = line.split(',');
  want.set(id, [Number(x), Number(y), Number(community)]);
}

function compare(graph) {
  let matched = 0, communities = 0, worst = 0;
  graph.forEachNode((node, a) => {
    const w = want.get(node);
    if (!w) return;
    const error = Math.max(Math.abs(a.x - w[0]), Math.abs(a.y - w[1]));
    worst = Math.max(worst, Number.isNaN(error) ? Infinity : error);
    if (typeof a.x === 'number' && typeof a.y === 'number' && error === 0) matched++;
    if (a.community === w[2]) communities++;
  });
  return {read: graph.order, edges: graph.size, matched, max_error: worst, communities};
}

const read = (name) => fs.readFileSync(`${directory}/${name}`, 'utf8');
const report = {};
report['graphology-graphml'] = compare(graphml.parse(Graph, read('edge-atlas.graphml')));
report['graphology-gexf viz:position'] = compare(gexf.parse(Graph, read('edge-atlas.gexf')));
const json = JSON.parse(read('edge-atlas.json'));
const imported = new Graph({type: json.directed ? 'directed' : 'undirected', multi: json.multigraph});
imported.import({
  nodes: json.nodes.map(({id, ...attributes}) => ({key: id, attributes})),
  edges: json.edges.map(({source, target, key, ...attributes}) => ({source, target, attributes: {relation: key, ...attributes}})),
});
report['graphology import (json)'] = compare(imported);
console.log(JSON.stringify(report));

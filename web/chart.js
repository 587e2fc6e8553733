// The result set by decision year, upheld against overturned, as an SVG bar chart drawn from
// the year facet's counts and overturned shares.
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function yearChart(yearFacet) {
  const years = [...(yearFacet || [])].sort((a, b) => a.value.localeCompare(b.value));
  if (years.length === 0) return null;
  const width = 260, barArea = 110, top = 10, bar = Math.min(40, Math.floor((width - 20) / years.length) - 6);
  const max = Math.max(...years.map((y) => y.count));
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${top + barArea + 30}`, role: 'img',
    'aria-label': `Decisions by year: ${years.map((y) => `${y.value}: ${y.count}, ${y.overturned} overturned`).join('; ')}` });
  years.forEach((y, i) => {
    const x = 10 + i * (bar + 6);
    const h = Math.max(1, Math.round((y.count / max) * barArea));
    const over = Math.round((y.overturned / Math.max(1, y.count)) * h);
    chart.append(svg('rect', { x, y: top + barArea - h, width: bar, height: h - over, fill: '#8a2c0d' }));
    chart.append(svg('rect', { x, y: top + barArea - over, width: bar, height: over, fill: '#0f6b3a' }));
    chart.append(svg('text', { x: x + bar / 2, y: top + barArea + 14, 'text-anchor': 'middle' }, y.value));
    chart.append(svg('text', { x: x + bar / 2, y: top + barArea + 26, 'text-anchor': 'middle' }, String(y.count)));
  });
  return chart;
}

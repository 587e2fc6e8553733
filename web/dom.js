// Small helpers to build the DOM from the service's JSON without writing HTML as strings, so
// that nothing from a letter is ever read as markup (excerpts excepted: the service escapes
// them and marks only the query's words).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// The service's excerpt: HTML-escaped text with <mark> around the query's words. Only those
// marks become elements.
export function excerpt(html) {
  const p = el('p', { class: 'excerpt' });
  const parts = html.split(/(<mark>|<\/mark>)/);
  let inMark = false;
  for (const part of parts) {
    if (part === '<mark>') { inMark = true; continue; }
    if (part === '</mark>') { inMark = false; continue; }
    const text = part.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    p.append(inMark ? el('mark', {}, text) : document.createTextNode(text));
  }
  return p;
}

export function badge(outcome) {
  return el('span', { class: `badge ${outcome}` }, outcome === 'upheld' ? 'Upheld' : 'Overturned');
}

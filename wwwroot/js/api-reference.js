// Renders the OpenAPI document as a plain, keyboard-friendly list: one <details> per operation.
(async () => {
  const root = document.getElementById('reference');
  const text = (tag, value, className) => { const e = document.createElement(tag); e.textContent = value; if (className) e.className = className; return e; };
  let doc;
  try {
    const response = await fetch('/openapi/v1.json', { headers: { Accept: 'application/json' } });
    doc = await response.json();
  } catch (error) {
    root.textContent = 'The OpenAPI document could not be loaded: ' + error;
    return;
  }
  const schemaName = (schema) => !schema ? '' : schema.$ref ? schema.$ref.split('/').pop()
    : schema.type === 'array' ? schemaName(schema.items) + '[]' : (Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type || 'object');
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      const tag = (op.tags && op.tags[0]) || 'Other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method: method.toUpperCase(), op });
    }
  }
  root.textContent = '';
  for (const [tag, ops] of byTag) {
    root.appendChild(text('h2', tag));
    for (const { path, method, op } of ops) {
      const details = document.createElement('details');
      details.className = 'op';
      const summary = document.createElement('summary');
      summary.append(text('span', method, 'method ' + method), text('code', path), document.createTextNode(' — ' + (op.summary || '')));
      details.appendChild(summary);
      if (op.parameters && op.parameters.length) {
        const table = document.createElement('table');
        table.appendChild(text('caption', 'Parameters'));
        for (const p of op.parameters) {
          const row = document.createElement('tr');
          row.append(text('td', p.name), text('td', p.in), text('td', schemaName(p.schema)), text('td', p.required ? 'required' : ''));
          table.appendChild(row);
        }
        details.appendChild(table);
      }
      const body = op.requestBody && op.requestBody.content;
      if (body) {
        const [type, media] = Object.entries(body)[0];
        const schema = media.schema && media.schema.$ref ? doc.components.schemas[schemaName(media.schema)] : media.schema;
        details.appendChild(text('p', 'Body (' + type + '): ' + schemaName(media.schema)));
        if (schema && schema.properties) details.appendChild(text('pre', JSON.stringify(Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, schemaName(v)])), null, 2)));
      }
      details.appendChild(text('p', 'Responses: ' + Object.keys(op.responses).join(', ')));
      root.appendChild(details);
    }
  }
})();

// A strict RFC 4180 reader for the CSV export: quoted fields (with "" for a quote and
// line breaks inside), CRLF or LF row ends, and the UTF-8 byte-order mark the export
// writes for spreadsheet programs. Anything malformed throws, so a broken file fails
// the test instead of being read loosely.

/** The rows of `text`, each an array of field strings. */
export function parseCsv(text) {
  const src = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endField = () => { row.push(field); field = ""; };
  const endRow = () => { endField(); rows.push(row); row = []; };
  while (i < src.length) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') {
        quoted = false;
        i += 1;
        if (i < src.length && !",\r\n".includes(src[i])) throw new Error(`CSV: text after a closing quote at ${i}`);
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (field !== "") throw new Error(`CSV: a quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ",") {
      endField();
    } else if (c === "\r" && src[i + 1] === "\n") {
      endRow();
      i += 1;
    } else if (c === "\n") {
      endRow();
    } else {
      field += c;
    }
    i += 1;
  }
  if (quoted) throw new Error("CSV: a quoted field never ends");
  if (field !== "" || row.length > 0) endRow();
  const width = rows[0]?.length ?? 0;
  rows.forEach((r, n) => {
    if (r.length !== width) throw new Error(`CSV: row ${n + 1} has ${r.length} fields, the header ${width}`);
  });
  return rows;
}

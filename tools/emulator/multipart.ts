/** A minimal multipart/form-data parser (enough for discord.js uploads: payload_json + files[n]). */

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function boundaryOf(contentType: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2])?.trim() : undefined;
}

function headerParam(header: string, param: string): string | undefined {
  const m = new RegExp(`;\\s*${param}\\*?=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(header);
  if (!m) return undefined;
  const raw = m[1] ?? m[2] ?? '';
  if (raw.startsWith("UTF-8''")) return decodeURIComponent(raw.slice(7));
  return raw.replace(/\\(.)/g, '$1');
}

/** Throws on a malformed body. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart boundary not found');
  for (;;) {
    pos += delimiter.length;
    // "--" after the delimiter closes the body
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    // skip the CRLF after the delimiter
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new Error('multipart part without headers');
    const headers = body.toString('utf8', pos, headerEnd).split('\r\n');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw new Error('multipart part not terminated');
    const data = body.subarray(headerEnd + 4, next);
    let name: string | undefined;
    let filename: string | undefined;
    let contentType: string | undefined;
    for (const h of headers) {
      const idx = h.indexOf(':');
      if (idx < 0) continue;
      const key = h.slice(0, idx).trim().toLowerCase();
      const value = h.slice(idx + 1).trim();
      if (key === 'content-disposition') {
        name = headerParam(value, 'name');
        filename = headerParam(value, 'filename');
      } else if (key === 'content-type') {
        contentType = value;
      }
    }
    if (name === undefined) throw new Error('multipart part without a name');
    const part: MultipartPart = { name, data: Buffer.from(data) };
    if (filename !== undefined) part.filename = filename;
    if (contentType !== undefined) part.contentType = contentType;
    parts.push(part);
    pos = next + 2;
  }
  return parts;
}

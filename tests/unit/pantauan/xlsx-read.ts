import { unzipSync, strFromU8 } from 'fflate';
import { DOMParser } from '@xmldom/xmldom';

/** The part of an XML element the reader uses. */
interface Element {
  getAttribute(n: string): string | null;
  getAttributeNS(ns: string, n: string): string | null;
  getElementsByTagNameNS(ns: string, n: string): ArrayLike<Element>;
  getElementsByTagName(n: string): ArrayLike<Element>;
  textContent: string | null;
}

/** One cell as the XLSX stores it: its type attribute, its value (shared strings resolved), its number format, and whether it holds a formula. */
export interface XlsxCell {
  ref: string;
  type: string;
  value: string;
  numFmt: string | null;
  formula: boolean;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const BUILTIN_FORMATS: Record<number, string> = { 0: 'General', 1: '0', 2: '0.00', 9: '0%', 10: '0.00%', 14: 'mm-dd-yy', 22: 'm/d/yy h:mm' };

const xml = (files: Record<string, Uint8Array>, name: string) => {
  const f = files[name];
  if (!f) throw new Error(`${name} missing from the workbook`);
  return new DOMParser().parseFromString(strFromU8(f), 'text/xml') as unknown as Element;
};
const els = (parent: Element, n: string): Element[] => Array.from(parent.getElementsByTagNameNS(MAIN, n));

/**
 * Reads an XLSX back without the writer's code: unzip (fflate), then the
 * workbook, shared strings, styles and each sheet's XML (xmldom). Returns
 * sheet name → rows (by row number) → cells.
 */
export function readXlsx(bytes: Uint8Array): Map<string, XlsxCell[][]> {
  const files = unzipSync(bytes);
  const shared = els(xml(files, 'xl/sharedStrings.xml'), 'si').map((si) => els(si, 't').map((t) => t.textContent ?? '').join(''));
  const styles = xml(files, 'xl/styles.xml');
  const custom = new Map(els(styles, 'numFmt').map((n) => [Number(n.getAttribute('numFmtId')), n.getAttribute('formatCode') ?? ''] as const));
  const cellXfs = els(styles, 'cellXfs')[0];
  const xfFormats = (cellXfs ? els(cellXfs, 'xf') : []).map((xf) => {
    const id = Number(xf.getAttribute('numFmtId') ?? 0);
    return custom.get(id) ?? BUILTIN_FORMATS[id] ?? `builtin:${id}`;
  });
  const rels = xml(files, 'xl/_rels/workbook.xml.rels');
  const target = new Map(
    Array.from(rels.getElementsByTagName('Relationship')).map((r) => [r.getAttribute('Id') ?? '', (r.getAttribute('Target') ?? '').replace(/^\/?(xl\/)?/, 'xl/')] as const),
  );
  const out = new Map<string, XlsxCell[][]>();
  for (const s of els(xml(files, 'xl/workbook.xml'), 'sheet')) {
    const file = target.get(s.getAttributeNS(REL, 'id') ?? '') ?? '';
    const rows: XlsxCell[][] = [];
    for (const row of els(xml(files, file), 'row')) {
      const cells = els(row, 'c').map((c) => {
        const type = c.getAttribute('t') || 'n';
        const v = els(c, 'v')[0]?.textContent ?? (type === 'inlineStr' ? els(c, 't').map((t) => t.textContent).join('') : '');
        const style = c.getAttribute('s') || null;
        return {
          ref: c.getAttribute('r') ?? '',
          type,
          value: type === 's' ? shared[Number(v)] : v,
          numFmt: style === null ? null : (xfFormats[Number(style)] ?? null),
          formula: els(c, 'f').length > 0,
        };
      });
      rows[Number(row.getAttribute('r')) - 1] = cells;
    }
    out.set(s.getAttribute('name') ?? '', rows);
  }
  return out;
}

/** The cell at a reference like "B2", or undefined. */
export function cellAt(rows: XlsxCell[][], ref: string): XlsxCell | undefined {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return undefined;
  return rows[Number(m[2]) - 1]?.find((c) => c.ref === ref);
}

/** An Excel date serial (1900 system) as YYYY-MM-DD hh:mm. */
export function serialToIso(v: string): string {
  const ms = Math.round((Number(v) - 25569) * 86_400_000);
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

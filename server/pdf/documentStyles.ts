/**
 * Print CSS shared by every document: A4 pages, one system font family
 * (DejaVu ships with Debian's Chromium dependencies, so no web font is ever
 * fetched), tables that repeat their header and do not split a row.
 */
export const DOCUMENT_CSS = `
@page { size: A4; margin: 16mm 14mm 18mm; }
* { box-sizing: border-box; }
html {
  font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif;
  font-size: 10pt;
  color: #1a1a1a;
}
body { margin: 0; }
.document-header {
  display: flex;
  justify-content: space-between;
  align-items: flex-end;
  border-bottom: 2px solid #1a1a1a;
  padding-bottom: 4mm;
  margin-bottom: 6mm;
}
h1 { font-size: 18pt; margin: 0; }
.company { font-size: 12pt; font-weight: bold; }
.meta { color: #555; font-size: 9pt; text-align: right; }
section { margin-bottom: 6mm; break-inside: avoid; }
h2 {
  font-size: 10pt;
  text-transform: uppercase;
  letter-spacing: 0.05em;
  border-bottom: 1px solid #999;
  padding-bottom: 1mm;
  margin: 0 0 2mm;
}
dl.fields {
  display: grid;
  grid-template-columns: 42mm 1fr;
  gap: 1mm 4mm;
  margin: 0;
}
dt { color: #555; }
dd { margin: 0; }
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td {
  border-bottom: 1px solid #ccc;
  padding: 1.5mm 2mm;
  text-align: left;
  vertical-align: top;
}
th { font-size: 9pt; color: #555; }
.number { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td {
  font-weight: bold;
  border-bottom: none;
  border-top: 2px solid #1a1a1a;
}
table.grid th, table.grid td { border: 1px solid #777; }
table.grid td { height: 11mm; }
.notes { border: 1px solid #777; min-height: 35mm; }
.signatures { display: flex; gap: 12mm; margin-top: 14mm; }
.signatures div {
  flex: 1;
  border-top: 1px solid #1a1a1a;
  padding-top: 1mm;
  color: #555;
  font-size: 9pt;
}
footer { margin-top: 8mm; font-size: 8pt; color: #777; }
`;

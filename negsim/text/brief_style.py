"""The brief's stylesheet: screen layout and the print rules that keep page one (bottom line,
key numbers, caveats) on at most two A4 pages and start the figures on a fresh page."""

__all__ = ["BRIEF_CSS"]

BRIEF_CSS = """
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 1000px;
       margin: 1.5em auto; padding: 0 1em; color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.1em; }
h2 { font-size: 1.2em; border-bottom: 2px solid #ccc; padding-bottom: 0.1em; margin-top: 1.2em; }
h3 { font-size: 1.02em; margin-top: 1em; }
.meta { color: #666; margin-top: 0; } .summary { font-style: italic; color: #444; }
p.bl { font-size: 1.08em; margin: 0.35em 0; }
#bottom-line { border-left: 4px solid #2c3e75; padding-left: 0.8em; }
#bottom-line h2 { border: none; margin-top: 0.6em; }
ul.caveats li { margin: 0.25em 0; }
table { border-collapse: collapse; margin: 0.5em 0; width: 100%; }
td, th { border: 1px solid #ddd; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
table.demands td:nth-child(5) { font-style: italic; color: #444; }
figure { margin: 1em 0; break-inside: avoid; page-break-inside: avoid; }
figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: #555; font-size: 0.95em; }
footer { color: #777; font-size: 0.85em; margin-top: 2em; border-top: 1px solid #ddd; }
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .page-one { max-height: 538mm; overflow: hidden; }
  #figures { break-before: page; page-break-before: always; }
  figure img { max-height: 120mm; width: auto; }
  .details { break-before: page; page-break-before: always; font-size: 9pt; }
  tr { break-inside: avoid; page-break-inside: avoid; }
}
"""

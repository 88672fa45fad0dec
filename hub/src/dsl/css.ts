/** The pages' one stylesheet: readable on a laptop and a tablet, red for what needs attention, a print layout. */
export const HUB_CSS = `
:root { font-family: system-ui, sans-serif; color: #1b1b1b; background: #fff; }
body { margin: 0; }
header.top { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; padding: .6rem 1rem; background: #0b3d6e; color: #fff; }
header.top a { color: #fff; }
header.top nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
header.top nav a[aria-current=page] { font-weight: bold; text-decoration: underline; }
header.top nav.lang a[aria-current=true] { font-weight: bold; text-decoration: underline; }
header.top .who { margin-left: auto; display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; min-width: 0; }
header.top .who span { overflow-wrap: anywhere; }
main { padding: 1rem; max-width: 1400px; }
h1 { font-size: 1.5rem; margin: .2rem 0 1rem; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin-bottom: 1rem; padding: .6rem; background: #f3f5f8; border-radius: 6px; }
.filters label { display: flex; flex-direction: column; font-size: .85rem; }
input, select, button { font: inherit; padding: .3rem .4rem; min-height: 2.2rem; }
.scroll { overflow-x: auto; }
table.log { border-collapse: collapse; width: 100%; font-size: .9rem; }
table.log th, table.log td { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
tr.bad td, .error { color: #a40000; }
tr.bad { background: #fdecec; }
.error { font-weight: bold; }
.ok { color: #1d6b2a; font-weight: bold; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 4px; font-size: .8rem; background: #ddd; margin-left: .3rem; }
.badge.new { background: #c00; color: #fff; }
.badge.seen { background: #f0c000; }
.badge.handled { background: #2e7d32; color: #fff; }
ol.reports { list-style: none; padding: 0; }
li.report { border: 1px solid #ccc; border-left: 6px solid #999; border-radius: 6px; padding: .6rem .8rem; margin-bottom: .8rem; }
li.report.new { border-left-color: #c00; background: #fff4f4; }
li.report.handled { border-left-color: #2e7d32; background: #f5f8f5; }
blockquote.text { margin: .4rem 0; white-space: pre-wrap; font-size: 1.05rem; }
form.state { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
form.state label, form.login label { display: flex; flex-direction: column; font-size: .85rem; }
form.login { display: flex; flex-direction: column; gap: .8rem; max-width: 22rem; }
svg.chart { width: 100%; max-width: 900px; height: auto; }
table.bars { width: 100%; max-width: 900px; }
table.bars td:nth-child(2) { width: 70%; }
svg.bar { width: 100%; height: 1rem; }
.pager { display: flex; gap: 1rem; margin-top: 1rem; }
.confidential { border: 3px solid #a40000; color: #a40000; font-weight: bold; padding: .5rem; text-transform: none; }
@media print { header.top, .filters, form.state { display: none; } main { max-width: none; } }
`;

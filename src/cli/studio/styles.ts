/** The studio page's style sheet (served as /static/studio.css; a file of its own, as the page's CSP allows no inline styles). */
export const STYLES = `
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --panel: #ffffff; --back: #f4f6f8; --accent: #0969da;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
}
* { box-sizing: border-box; }
/* hidden means hidden, whatever display a class gives the element */
[hidden] { display: none !important; }
body { margin: 0; display: grid; grid-template-columns: 270px minmax(0, 1fr); min-height: 100vh; background: var(--back); }
h1 { font-size: 18px; margin: 0 0 16px; }
h2 { font-size: 15px; margin: 0 0 10px; }
h3 { font-size: 13px; margin: 0 0 8px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
code { font-size: 12px; background: var(--back); padding: 1px 4px; border-radius: 3px; }
.sidebar { background: var(--panel); border-right: 1px solid var(--line); padding: 18px 16px; position: sticky; top: 0; height: 100vh; overflow-y: auto; }
main { padding: 18px 22px; min-width: 0; }
.note { color: var(--muted); font-size: 12.5px; margin: 8px 0; }
.status { font-size: 12px; color: var(--muted); border-top: 1px solid var(--line); padding-top: 8px; margin-top: 14px; }
.status.live::before { content: "●"; color: #1a7f37; margin-right: 5px; }
.problems { list-style: none; padding: 0; margin: 6px 0; font-size: 12px; color: #b42318; }
.run-list { list-style: none; padding: 0; margin: 0; }
.run { display: grid; grid-template-columns: auto auto 1fr; align-items: center; gap: 6px; padding: 5px 6px; border-radius: 6px; }
.run:hover { background: var(--back); }
.run.focused { background: #ddf4ff; }
.run input { margin: 0; }
.swatch { width: 10px; height: 10px; border-radius: 2px; }
.run-name { all: unset; cursor: pointer; font-weight: 600; overflow-wrap: anywhere; }
.run-name:focus-visible { outline: 2px solid var(--accent); }
.run-meta { grid-column: 3; color: var(--muted); font-size: 12px; }
.chart-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 14px; }
.pace-grid { grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); }
.pace { margin-top: 26px; }
.chart, .card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; min-width: 0; }
.chart .u-title { font-size: 14px; font-weight: 600; }
.chart .u-legend { font-size: 11.5px; line-height: 1.3; }
.chart .u-legend .u-series { padding: 1px 6px; }
.chart .u-legend .u-series > * { padding: 2px; }
.run-details { margin-top: 26px; }
.detail-grid { display: grid; gap: 14px; align-items: start; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.5fr);
  grid-template-rows: auto 1fr; grid-template-areas: "settings filters confusion" "settings try confusion"; }
.settings-card { grid-area: settings; }
.filters-card { grid-area: filters; }
#try-it { grid-area: try; }
.confusion-card { grid-area: confusion; }
@media (max-width: 1100px) {
  .detail-grid { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); grid-template-areas: "settings filters" "settings try" "confusion confusion"; }
}
.settings { border-collapse: collapse; width: 100%; font-size: 13px; }
.settings th, .settings td { text-align: left; padding: 3px 8px 3px 0; border-bottom: 1px solid var(--back); vertical-align: top; }
.settings th { font-weight: 500; color: var(--muted); white-space: nowrap; }
.settings td { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; overflow-wrap: anywhere; }
.files { font-size: 12px; color: var(--muted); }
.files a { color: var(--accent); margin-right: 8px; }
.filters { image-rendering: pixelated; width: 100%; max-width: 280px; border: 1px solid var(--line); }
.confusion { max-width: 100%; height: auto; }
.try-body { display: grid; gap: 10px; }
.sketch { display: block; width: 100%; max-width: 280px; aspect-ratio: 1; background: #000; border-radius: 6px; cursor: crosshair; touch-action: none; }
.try-tools { display: flex; flex-wrap: wrap; gap: 8px; }
.try-tools .button { position: relative; }
.try-tools button, .try-tools .button { font: inherit; font-size: 13px; padding: 4px 12px; color: var(--ink); background: var(--back); border: 1px solid var(--line); border-radius: 6px; cursor: pointer; }
.try-tools button:hover, .try-tools .button:hover { border-color: var(--muted); }
.try-tools .button:focus-within { outline: 2px solid var(--accent); }
/* the file input itself stays reachable by keyboard and by tests, just not seen: its label is the button */
.try-tools .button input { position: absolute; width: 1px; height: 1px; opacity: 0; }
.try-problem { margin: 0; font-size: 12px; color: #b42318; }
.try-problem:empty, .try-model:empty { display: none; }
.try-model { margin: 0; font-size: 12px; color: var(--muted); }
.try-result { display: flex; gap: 14px; align-items: flex-start; }
.try-result figure { margin: 0; text-align: center; font-size: 11.5px; color: var(--muted); }
.model-input { display: block; width: 84px; height: 84px; margin: 0 auto 3px; image-rendering: pixelated; border-radius: 4px; }
.top-classes { flex: 1; display: grid; gap: 8px; list-style: none; margin: 4px 0 0; padding: 0; }
.top-classes li { display: grid; grid-template-columns: 1.2em minmax(0, 1fr) 4em; align-items: center; gap: 8px; }
.top-classes .class-name { font-size: 17px; font-weight: 700; text-align: center; }
.top-classes li + li .class-name { font-size: 14px; font-weight: 600; color: var(--muted); }
.top-classes .bar { height: 12px; background: var(--back); border-radius: 3px; overflow: hidden; }
.top-classes .fill { display: block; height: 100%; background: var(--accent); }
.top-classes li + li .fill { background: #8cb4e8; }
.top-classes .probability { text-align: right; font-size: 12.5px; font-variant-numeric: tabular-nums; color: var(--muted); }
`;

/**
 * One self-contained HTML page of figures (PNG embedded as data URLs, SVG inline, tables), which
 * opens from disk with no server and nothing fetched: what `strata inspect` writes.
 */
import { imageSize, type Image } from "./image.js";
import { escapeXml } from "./plots/svg.js";
import { encodePng, pngDataUrl } from "./png.js";

/** One figure: a raster image, an SVG plot, a table, or preformatted text, with a caption. */
export type Figure =
  | { caption: string; image: Image; /** Display width in CSS pixels (default: the image's own, enlarged up to 3× when small; at most 100%). */ width?: number }
  | { caption: string; svg: string }
  | { caption: string; table: { header: string[]; rows: (string | number)[][] } }
  | { caption: string; text: string };

export interface ReportSection {
  title: string;
  /** A paragraph under the title: what the figures show and how to read them. */
  intro?: string;
  figures: Figure[];
}

export interface Report {
  title: string;
  /** A line under the title (what was inspected, when). */
  subtitle?: string;
  sections: ReportSection[];
}

/** Text made safe inside HTML elements and attribute values: the SVG plots' escaping serves HTML5 too. */
export const escapeHtml = escapeXml;

const anchorOf = (title: string, i: number) => `s${i + 1}-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;

function figureHtml(figure: Figure): string {
  let body: string;
  if ("image" in figure) {
    const { width } = imageSize(figure.image, "report figure");
    // Small pictures (a 5×5 filter grid, a 28×28 map) are drawn enlarged, pixels kept crisp by CSS.
    const enlarged = width * Math.max(1, Math.min(3, Math.floor(240 / width)));
    body = `<img src="${pngDataUrl(figure.image)}" style="width:${figure.width ?? enlarged}px" alt="${escapeHtml(figure.caption)}">`;
  } else if ("svg" in figure) {
    body = figure.svg;
  } else if ("table" in figure) {
    const cells = (row: (string | number)[], tag: string) => `<tr>${row.map((c) => `<${tag}>${escapeHtml(String(c))}</${tag}>`).join("")}</tr>`;
    body = `<table><thead>${cells(figure.table.header, "th")}</thead><tbody>${figure.table.rows.map((r) => cells(r, "td")).join("")}</tbody></table>`;
  } else {
    body = `<pre>${escapeHtml(figure.text)}</pre>`;
  }
  return `<figure>${body}<figcaption>${escapeHtml(figure.caption)}</figcaption></figure>`;
}

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;margin:0;background:#fafafa}
header{background:#1d2733;color:#fff;padding:24px 40px}header h1{margin:0;font-size:26px}header p{margin:4px 0 0;color:#b8c4d0}
nav{padding:12px 40px;background:#fff;border-bottom:1px solid #e3e3e3;position:sticky;top:0}nav a{margin-right:14px;color:#2b6cb0;text-decoration:none;white-space:nowrap}
main{padding:8px 40px 40px;max-width:1400px}section{margin-top:28px}h2{font-size:20px;border-bottom:2px solid #e3e3e3;padding-bottom:4px}
.intro{color:#444;max-width:900px}.figures{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
figure{margin:0;background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:12px;max-width:100%;overflow-x:auto}
figure img{image-rendering:pixelated;max-width:100%;display:block}figcaption{font-size:13px;color:#555;margin-top:8px;max-width:640px}
table{border-collapse:collapse;font-size:13px}th,td{border-bottom:1px solid #eee;padding:3px 10px;text-align:right}th{background:#f3f5f7}td:first-child,th:first-child{text-align:left}
pre{font-size:12px;margin:0}`;

/** The whole page as one HTML string. */
export function renderReport({ title, subtitle, sections }: Report): string {
  const nav = sections.map((s, i) => `<a href="#${anchorOf(s.title, i)}">${escapeHtml(s.title)}</a>`).join("");
  const body = sections
    .map((s, i) => {
      const intro = s.intro ? `<p class="intro">${escapeHtml(s.intro)}</p>` : "";
      return `<section id="${anchorOf(s.title, i)}"><h2>${escapeHtml(s.title)}</h2>${intro}<div class="figures">${s.figures.map(figureHtml).join("")}</div></section>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(title)}</h1>${subtitle ? `<p>${escapeHtml(subtitle)}</p>` : ""}</header>
<nav>${nav}</nav><main>
${body}
</main></body></html>
`;
}

/**
 * The report's pictures as files, to use one on its own (a slide, a README): PNG bytes or SVG text,
 * named by section and caption (`03-filters-1-layer-0-6-filters-1-5-5-one-tile-per-fil.png`). Tables and text are left out.
 */
export interface FigureFile {
  name: string;
  contents: Uint8Array | string;
}

export function reportFigureFiles({ sections }: Report): FigureFile[] {
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40).replace(/-$/, "");
  return sections.flatMap((section, s) =>
    section.figures.flatMap((figure, f): FigureFile[] => {
      const name = `${String(s + 1).padStart(2, "0")}-${slug(section.title)}-${f + 1}-${slug(figure.caption)}`;
      if ("image" in figure) return [{ name: `${name}.png`, contents: encodePng(figure.image) }];
      if ("svg" in figure) return [{ name: `${name}.svg`, contents: figure.svg }];
      return [];
    }),
  );
}

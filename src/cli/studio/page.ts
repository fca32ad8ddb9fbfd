/**
 * The studio's one HTML page: a fixed skeleton the client script (client/main.ts) fills. Nothing
 * read from a run is ever written into this markup; the client sets it as text.
 */
export const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Strata Studio</title>
<link rel="icon" href="/static/favicon.svg">
<link rel="stylesheet" href="/static/uplot.css">
<link rel="stylesheet" href="/static/studio.css">
<script type="module" src="/static/main.js"></script>
</head>
<body>
<aside class="sidebar">
  <h1>Strata Studio</h1>
  <h2>Runs</h2>
  <ul id="run-list" class="run-list"></ul>
  <p id="no-runs" class="note" hidden>No runs yet. Train one (<code>strata train lenet5</code>); it appears here when its first epoch ends.</p>
  <p class="note">Tick runs to draw them on the same charts; click a name for its settings, filters and confusion matrix.</p>
  <p id="status" class="status">connecting…</p>
  <ul id="problems" class="problems"></ul>
</aside>
<main>
  <section class="curves">
    <h2>Training curves</h2>
    <p id="no-curves" class="note" hidden>Tick a run to draw its curves.</p>
    <div id="charts" class="chart-grid"></div>
  </section>
  <section id="run-details" class="run-details" hidden>
    <h2 id="details-title"></h2>
    <div class="detail-grid">
      <article class="card settings-card">
        <h3>Settings</h3>
        <table id="settings" class="settings"></table>
        <p id="no-settings" class="note" hidden>The run's checkpoint keeps no settings (or it has no checkpoint yet).</p>
        <p id="checkpoint-files" class="files"></p>
      </article>
      <article class="card filters-card">
        <h3>First-layer filters</h3>
        <img id="filters" class="filters" alt="the first convolution's filters, one tile each" hidden>
        <p id="filters-note" class="note"></p>
      </article>
      <section id="try-it" class="card try-it">
        <h3>Try it</h3>
        <p id="try-note" class="note"></p>
        <div id="try-body" class="try-body" hidden>
          <canvas id="sketch" class="sketch" width="280" height="280" aria-label="draw a digit here with the mouse or a finger"></canvas>
          <div class="try-tools">
            <button id="sketch-clear" type="button">Clear</button>
            <label class="button">Upload a picture…<input id="sketch-file" type="file" accept="image/*"></label>
          </div>
          <p id="try-problem" class="try-problem"></p>
          <div class="try-result">
            <figure>
              <canvas id="model-input" class="model-input" width="28" height="28"></canvas>
              <figcaption>what the model saw</figcaption>
            </figure>
            <ol id="top-classes" class="top-classes" aria-label="the three likeliest classes"></ol>
          </div>
          <p id="try-model" class="try-model"></p>
        </div>
      </section>
      <article class="card confusion-card">
        <h3>Confusion matrix on the test set</h3>
        <img id="confusion" class="confusion" alt="confusion matrix: rows are true classes, columns predictions" hidden>
        <p id="confusion-note" class="note"></p>
      </article>
    </div>
  </section>
  <section id="pace" class="pace" hidden>
    <h2>Pace of training</h2>
    <div id="pace-charts" class="chart-grid pace-grid"></div>
  </section>
</main>
</body>
</html>
`;

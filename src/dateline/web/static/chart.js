// The corpus timeline: events per day (or month) stacked by PLOVER type, drawn as SVG from /api/timeline.
// No chart library: a stacked bar chart is a few rectangles. Text goes in through textContent only.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const PALETTE = ["#d4573f", "#1f5fa8", "#3c9d5d", "#e0a800", "#7b4fb0", "#1b9aaa", "#c2477f", "#6b7280",
  "#8c6d1f", "#4f7cd6", "#9bbf4b", "#ef8a62"];

function node(name, attributes, parent) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (parent) parent.appendChild(element);
  return element;
}

function drawTimeline(container, data) {
  container.textContent = "";
  if (!data.buckets.length) {
    const empty = document.createElement("p");
    empty.className = "muted";
    empty.textContent = "No dated events match the filters.";
    container.appendChild(empty);
    return;
  }
  const width = 960, height = 240, left = 40, bottom = 40, top = 10, right = 10;
  const totals = data.buckets.map((_, i) => data.series.reduce((sum, s) => sum + s.counts[i], 0));
  const highest = Math.max(...totals, 1);
  const svg = node("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "events over time by type" }, container);
  const plotWidth = width - left - right, plotHeight = height - top - bottom;
  const step = plotWidth / data.buckets.length;
  const barWidth = Math.max(1, step * 0.8);
  // Y axis: a few round ticks.
  const tick = Math.max(1, Math.ceil(highest / 4));
  for (let value = 0; value <= highest; value += tick) {
    const y = top + plotHeight - (value / highest) * plotHeight;
    node("line", { x1: left, x2: width - right, y1: y, y2: y, stroke: "#e5e7eb" }, svg);
    node("text", { x: left - 6, y: y + 4, "text-anchor": "end", "font-size": 11, fill: "#6b7280" }, svg).textContent = value;
  }
  const colour = {};
  data.series.forEach((series, index) => { colour[series.type] = PALETTE[index % PALETTE.length]; });
  data.buckets.forEach((bucket, i) => {
    let y = top + plotHeight;
    const x = left + i * step + (step - barWidth) / 2;
    for (const series of data.series) {
      const count = series.counts[i];
      if (!count) continue;
      const h = (count / highest) * plotHeight;
      y -= h;
      const rect = node("rect", { x, y, width: barWidth, height: h, fill: colour[series.type], class: "bar" }, svg);
      rect.dataset.type = series.type;
      node("title", {}, rect).textContent = `${bucket}: ${count} ${series.type}`;
    }
  });
  // X labels: at most about twelve, evenly spaced.
  const every = Math.max(1, Math.ceil(data.buckets.length / 12));
  data.buckets.forEach((bucket, i) => {
    if (i % every) return;
    node("text", { x: left + i * step + step / 2, y: height - bottom + 16, "text-anchor": "middle", "font-size": 11, fill: "#374151" }, svg)
      .textContent = bucket;
  });
  const legend = document.createElement("div");
  legend.className = "legend";
  for (const series of data.series) {
    const item = document.createElement("span");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = colour[series.type];
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(`${series.type} (${series.counts.reduce((a, b) => a + b, 0)})`));
    legend.appendChild(item);
  }
  container.appendChild(legend);
}

window.addEventListener("DOMContentLoaded", () => {
  const container = document.getElementById("timeline");
  if (!container) return;
  fetch(container.dataset.source, { headers: { Accept: "application/json" } })
    .then((response) => response.json())
    .then((data) => drawTimeline(container, data))
    .catch(() => { container.textContent = "The chart could not be loaded."; });
});

// The map of event places: country outlines from the shipped Natural Earth file, event places as circles sized by
// their number of events. Works offline; with a configured tile URL, tiles at zoom 2 are drawn underneath and the
// projection becomes Web Mercator so they line up.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";

function svgNode(name, attributes, parent) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (parent) parent.appendChild(element);
  return element;
}

function projection(mercator, width, height) {
  if (!mercator) return (lon, lat) => [((lon + 180) / 360) * width, ((90 - lat) / 180) * height];
  return (lon, lat) => {
    const clamped = Math.max(-85, Math.min(85, lat)) * Math.PI / 180;
    const y = 0.5 - Math.log(Math.tan(Math.PI / 4 + clamped / 2)) / (2 * Math.PI);
    return [((lon + 180) / 360) * width, y * height];
  };
}

function drawMap(container, outlines, data) {
  const tiles = container.dataset.tiles;
  const mercator = Boolean(tiles);
  const width = 1000, height = mercator ? 1000 : 500;
  const project = projection(mercator, width, height);
  container.textContent = "";
  const svg = svgNode("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "map of event places" }, container);
  if (tiles) {
    const zoom = 2, n = 2 ** zoom, size = width / n;
    for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) {
      const href = tiles.replace("{z}", zoom).replace("{x}", x).replace("{y}", y);
      svgNode("image", { href, x: x * size, y: y * size, width: size, height: size }, svg);
    }
  }
  const countries = new Set(data.points.map((point) => point.country));
  for (const country of outlines.countries) {
    const path = country.rings.map((ring) => {
      let d = "";
      for (let i = 0; i < ring.length; i += 2) {
        const [x, y] = project(ring[i], ring[i + 1]);
        d += (i ? "L" : "M") + x.toFixed(1) + "," + y.toFixed(1);
      }
      return d + "Z";
    }).join("");
    const shape = svgNode("path", { d: path, class: "land" + (countries.has(country.iso3) ? " has-events" : "") }, svg);
    if (tiles) shape.setAttribute("fill-opacity", "0.3");
    svgNode("title", {}, shape).textContent = country.name;
  }
  const most = Math.max(1, ...data.points.map((point) => point.events));
  for (const point of data.points) {
    const [x, y] = project(point.longitude, point.latitude);
    const circle = svgNode("circle", { cx: x, cy: y, r: 3 + 9 * Math.sqrt(point.events / most), class: "point" }, svg);
    const kinds = Object.entries(point.types).map(([type, count]) => `${type} ${count}`).join(", ");
    svgNode("title", {}, circle).textContent = `${point.place || "?"} (${point.country || "?"}): ${point.events} events — ${kinds}`;
    if (point.geonames_id !== null) {
      circle.addEventListener("click", () => {
        const target = new URL(container.dataset.events, location.origin);
        target.searchParams.set("geonames_id", point.geonames_id);
        location.assign(target.pathname + target.search);
      });
    }
  }
  const note = document.getElementById("map-note");
  if (note) {
    note.textContent = `${data.points.length} places, ${data.points.reduce((a, p) => a + p.events, 0)} events with a place; ${data.unplaced} events without coordinates are not shown. Click a place to list its events.`;
  }
}

window.addEventListener("DOMContentLoaded", () => {
  const container = document.getElementById("map");
  if (!container) return;
  Promise.all([
    fetch(container.dataset.outlines).then((response) => response.json()),
    fetch(container.dataset.points).then((response) => response.json()),
  ])
    .then(([outlines, data]) => drawMap(container, outlines, data))
    .catch(() => { container.textContent = "The map could not be loaded."; });
});

// Links between records and their evidence on the article and story pages. Reads only the page's own elements;
// every string it shows was escaped by the server.
"use strict";

function refsOf(element) {
  return (element.dataset.refs || element.dataset.ref || "").split(" ").filter(Boolean);
}

function light(ref) {
  document.querySelectorAll(".lit").forEach((element) => element.classList.remove("lit"));
  document.querySelectorAll(".seg").forEach((segment) => {
    if (refsOf(segment).includes(ref)) segment.classList.add("lit");
  });
  const record = document.getElementById("rec-" + ref);
  if (record) {
    record.classList.add("lit");
    if (record.tagName === "DETAILS") record.open = true;
  }
  return record;
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a.to-evidence");
  if (link) {
    // Record -> evidence: light every span of the record and scroll the first into view.
    event.preventDefault();
    light(link.dataset.ref);
    const anchor = document.getElementById("at-" + link.dataset.ref);
    const first = anchor ? anchor.nextElementSibling || anchor : null;
    if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
    history.replaceState(null, "", "#at-" + link.dataset.ref);
    return;
  }
  const segment = event.target.closest(".seg[data-refs]");
  if (segment) {
    // Evidence -> record: an event wins over the other layers, as it is what a click on a trigger means.
    const refs = refsOf(segment);
    const ref = refs.find((r) => r.startsWith("e")) || refs[0];
    const record = light(ref);
    if (record) record.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }
});

window.addEventListener("DOMContentLoaded", () => {
  // A link such as /article/X#at-e12 (from the events table or the quotes page) lights that record.
  if (location.hash.startsWith("#at-")) {
    const ref = location.hash.slice(4);
    light(ref);
    const anchor = document.getElementById("at-" + ref);
    if (anchor) anchor.scrollIntoView({ block: "center" });
  }
});

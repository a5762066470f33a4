// Entity pages, document reader and search (kg serve and kg site). Text from the graph is put
// into the page with textContent only; links are built with createElement.
"use strict";
(function () {
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function link(href, text) {
    if (!href) return el("span", null, text);
    const a = el("a", "entity", text);
    a.href = href;
    return a;
  }
  // the same folding as kg.serve.search.fold: NFKD, marks dropped, case folded, spaces squeezed
  function fold(s) {
    return s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }
  window.kgFold = fold;

  function reader() {
    const dataNode = document.getElementById("kg-spans");
    if (!dataNode) return;
    const spans = JSON.parse(dataNode.textContent);
    const proposals = JSON.parse(document.getElementById("kg-proposals").textContent);
    const box = document.getElementById("span-facts");
    const pieces = Array.from(document.querySelectorAll("#text span.ev, #text span.draft"));
    function factsText(keys) {
      const lines = [];
      keys.forEach((k) => (spans[k] || []).forEach((f) => lines.push(f.sn + " — " + f.p + " — " + f.on)));
      return lines;
    }
    pieces.forEach((p) => {
      const keys = (p.dataset.ev || "").split(" ").filter(Boolean);
      const drafts = (p.dataset.draft || "").split(" ").filter(Boolean);
      const lines = factsText(keys);
      drafts.forEach((d) => lines.push("draft proposes: " + proposals[Number(d)].what));
      p.title = lines.join("\n");
    });
    function show(piece) {
      const keys = (piece.dataset.ev || "").split(" ").filter(Boolean);
      const drafts = (piece.dataset.draft || "").split(" ").filter(Boolean);
      box.replaceChildren();
      keys.forEach((k) => {
        box.appendChild(el("div", "span-key", "characters " + k.replace(",", "–")));
        const ul = el("ul");
        (spans[k] || []).forEach((f) => {
          const li = el("li", "fact");
          li.appendChild(link(f.s, f.sn));
          li.appendChild(document.createTextNode(" " + f.p + " "));
          li.appendChild(link(f.o, f.on));
          ul.appendChild(li);
        });
        box.appendChild(ul);
      });
      drafts.forEach((d) => box.appendChild(el("div", "draft-note", "draft proposes: " + proposals[Number(d)].what)));
      box.hidden = !box.childNodes.length;
    }
    pieces.forEach((p) => {
      p.addEventListener("mouseenter", () => show(p));
      p.addEventListener("click", () => show(p));
    });
    function target() {
      document.querySelectorAll("#text .current").forEach((p) => p.classList.remove("current"));
      const m = /^#char=(\d+),(\d+)$/.exec(location.hash);
      if (!m) return;
      const key = m[1] + "," + m[2];
      const hit = pieces.filter((p) => (p.dataset.ev || "").split(" ").includes(key));
      hit.forEach((p) => p.classList.add("current"));
      if (hit.length) {
        hit[0].scrollIntoView({ block: "center" });
        show(hit[0]);
      }
    }
    window.addEventListener("hashchange", target);
    window.addEventListener("load", target); // after the browser's own jump to the fragment
    target();
  }

  function renderResults(list, q) {
    const out = document.getElementById("search-results");
    if (!out) return;
    out.replaceChildren();
    const head = el("p", "summary", list.length ? list.length + " found for “" + q + "”" : "Nothing is called “" + q + "”.");
    out.appendChild(head);
    const ol = el("ol", "results");
    list.forEach((r) => {
      const li = el("li");
      li.appendChild(link(r.href, r.label));
      li.appendChild(el("span", "type", " " + r.type));
      if (r.matched !== r.label) li.appendChild(el("div", "matched", r.matched));
      ol.appendChild(li);
    });
    out.appendChild(ol);
  }

  function staticSearch() {
    if (!window.KG_SEARCH_INDEX || !document.getElementById("search-results")) return;
    const q = new URLSearchParams(location.search).get("q") || "";
    const input = document.querySelector("form.search input");
    if (input) input.value = q;
    const f = fold(q);
    if (!f) return;
    const hits = [];
    window.KG_SEARCH_INDEX.forEach(([href, label, type, names]) => {
      let best = null;
      names.forEach((n) => {
        const fn = fold(n);
        if (!fn.includes(f)) return;
        const rank = fn === f ? 0 : fn.startsWith(f) ? 1 : (" " + fn).includes(" " + f) ? 2 : 3;
        if (!best || rank < best[0] || (rank === best[0] && fn.length < best[1])) best = [rank, fn.length, n];
      });
      if (best) hits.push({ best, href, label, type, matched: best[2] });
    });
    hits.sort((a, b) => a.best[0] - b.best[0] || a.best[1] - b.best[1] || a.label.localeCompare(b.label));
    renderResults(hits.slice(0, 50), q);
  }

  document.addEventListener("DOMContentLoaded", () => {
    reader();
    staticSearch();
  });
})();

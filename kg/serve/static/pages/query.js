// The query page: YASGUI (vendored, served from the package) pointed at this server's /sparql,
// the named queries as examples, and result IRIs of the graph opening their entity pages here.
"use strict";
(function () {
  const config = JSON.parse(document.getElementById("kg-query-config").textContent);
  const base = config.base; // https://w3id.org/sco-film-kg/
  // no autocompleter that asks a service elsewhere (LOV for classes and properties)
  Yasgui.Yasqe.defaults.autocompleters = Yasgui.Yasqe.defaults.autocompleters.filter((n) => n !== "class" && n !== "property");
  const params = new URLSearchParams(location.search);
  const first = params.get("query") || (config.examples[0] ? config.examples[0].sparql : "SELECT * WHERE { ?s ?p ?o } LIMIT 10");
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint: config.endpoint }] },
    persistenceId: null,
    populateFromUrl: false,
    autofocus: false,
    yasqe: { value: first, prefixCcApi: null, resizeable: true, editorHeight: "300px" },
    yasr: { prefixes: config.prefixes },
  });
  window.kgYasgui = yasgui;
  const tab = () => yasgui.getTab();
  tab().setQuery(first);

  const picker = document.getElementById("examples");
  const about = document.getElementById("example-about");
  config.examples.forEach((q) => {
    const o = document.createElement("option");
    o.value = q.name;
    o.textContent = q.title;
    picker.appendChild(o);
  });
  picker.addEventListener("change", () => {
    const q = config.examples.find((x) => x.name === picker.value);
    if (!q) return;
    tab().setQuery(q.sparql);
    about.textContent = q.description || "";
  });

  // result IRIs in the graph's namespace open their pages on this server
  function localHref(href) {
    return href && href.startsWith(base) ? "/" + href.slice(base.length).split("#")[0] + (href.includes("#") ? "#" + href.split("#")[1] : "") : null;
  }
  function rewrite(root) {
    root.querySelectorAll("a[href]").forEach((a) => {
      const local = localHref(a.getAttribute("href"));
      if (local) {
        a.setAttribute("href", local);
        a.removeAttribute("target");
        a.classList.add("kg-entity");
      }
    });
  }
  new MutationObserver(() => rewrite(document.getElementById("yasgui"))).observe(document.getElementById("yasgui"), { childList: true, subtree: true });
  document.addEventListener(
    "click",
    (e) => {
      const a = e.target.closest && e.target.closest("a[href]");
      if (!a) return;
      const local = localHref(a.href);
      if (local) {
        e.preventDefault();
        e.stopPropagation();
        location.href = local;
      }
    },
    true
  );
})();

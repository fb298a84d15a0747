// "Copy link" buttons (a figure's provenance note, its permanent entry on the sources page):
// copy the absolute address of the fact's entry, and say so on the button.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const address = new URL(button.dataset.copy, window.location.href).href;
  try {
    await navigator.clipboard.writeText(address);
    button.textContent = button.dataset.copied;
  } catch {
    window.location.assign(address);  // no clipboard (an insecure address): go to the entry instead
  }
});

// Search: the header's button (or "/") opens a dialog with Pagefind's interface, loaded on first
// use from this language's index; results lead to the page with the words highlighted.
const search = document.querySelector("[data-site-search]");
if (search) {
  const dialog = search.querySelector("dialog");
  const bundle = new URL(search.dataset.bundle, window.location.href);
  let ready = null;
  const load = () => ready ??= new Promise((resolve, reject) => {
    const style = Object.assign(document.createElement("link"), { rel: "stylesheet", href: new URL("pagefind-ui.css", bundle) });
    const script = Object.assign(document.createElement("script"), { src: new URL("pagefind-ui.js", bundle), onload: resolve, onerror: reject });
    document.head.append(style, script);
  }).then(() => new PagefindUI({
    element: "#site-search", bundlePath: bundle.pathname, baseUrl: new URL("..", bundle).pathname,
    showImages: false, resetStyles: false, showSubResults: true, highlightParam: "highlight",
  }));
  const open = async () => {
    dialog.showModal();
    await load();
    dialog.querySelector("input")?.focus();
  };
  search.querySelector("[data-site-search-open]").addEventListener("click", open);
  search.querySelector("[data-site-search-close]").addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });  // the backdrop
  document.addEventListener("keydown", (event) => {
    if (event.key === "/" && !dialog.open && !event.target.closest("input, textarea, [contenteditable]")) {
      event.preventDefault();
      open();
    }
  });
  if (new URLSearchParams(window.location.search).has("highlight")) {
    import(new URL("pagefind-highlight.js", bundle).href)
      .then(() => new PagefindHighlight({ highlightParam: "highlight", markContext: "article.md-content__inner" }));
  }
}

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

// Small progressive enhancements; every page works without this file.
document.addEventListener("htmx:afterRequest", (event) => {
  const form = event.detail.elt;
  if (form instanceof HTMLFormElement && form.dataset.resetOnSuccess !== undefined
      && event.detail.successful) {
    form.reset();
    const first = form.querySelector("textarea, input:not([type=hidden])");
    if (first) first.focus();
  }
});

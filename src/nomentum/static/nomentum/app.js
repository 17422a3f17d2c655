// Small progressive enhancements; every page works without this file.

function formSnapshot(form) {
  return JSON.stringify([...new FormData(form).entries()]);
}

// A logged ask clears the quick-log form, unless the person has already started
// typing the next one while the first was being saved.
document.addEventListener("htmx:beforeRequest", (event) => {
  const form = event.detail.elt;
  if (form instanceof HTMLFormElement && form.dataset.resetOnSuccess !== undefined) {
    form.dataset.sent = formSnapshot(form);
  }
});

document.addEventListener("htmx:afterRequest", (event) => {
  const form = event.detail.elt;
  if (!(form instanceof HTMLFormElement) || form.dataset.resetOnSuccess === undefined) return;
  const unchanged = form.dataset.sent === formSnapshot(form);
  delete form.dataset.sent;
  if (event.detail.successful && unchanged) {
    form.reset();
    const first = form.querySelector("textarea, input:not([type=hidden])");
    if (first) first.focus();
  }
});

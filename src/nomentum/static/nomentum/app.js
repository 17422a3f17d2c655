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

// After a full-page submit that came back with a mistake, bring the first field with an
// error into view (on a phone it may be far below) and put the cursor there.
document.addEventListener("DOMContentLoaded", () => {
  const wrong = document.querySelector(".has-error textarea, .has-error input, .has-error select");
  if (wrong) {
    wrong.scrollIntoView({ block: "center" });
    wrong.focus({ preventScroll: true });
  }
});

// Journal answers save themselves a moment after typing stops. An answer typed just
// before the page goes away (a reload, a closed tab) is sent as the page leaves.
document.addEventListener("htmx:afterRequest", (event) => {
  const field = event.detail.elt;
  if (field instanceof HTMLTextAreaElement && event.detail.successful) {
    field.dataset.saved = field.value;
  }
});
window.addEventListener("pagehide", () => {
  const headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
  document.querySelectorAll("textarea[hx-post][hx-params]").forEach((field) => {
    const saved = field.dataset.saved ?? field.defaultValue;
    if (field.value === saved) return;
    const data = new FormData();
    data.append(field.name, field.value);
    data.append("csrfmiddlewaretoken", headers["X-CSRFToken"] || "");
    navigator.sendBeacon(field.getAttribute("hx-post"), data);
  });
});

// A year of days opens at today's end (on a phone, the oldest weeks are off-screen).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-scroll-end]").forEach((box) => {
    box.scrollLeft = box.scrollWidth;
  });
});

// "Schedule…" asks for the time first (issue 15): with this script the publication time stays out
// of the way until the button is pressed, which then shows it and waits; pressing it again
// schedules. Without the script the field is simply shown and the server checks the time. An
// article that already has a time, or a form sent back with an error there, shows the field.
(function () {
  "use strict";

  const script = document.currentScript;

  function start() {
    const form = document.getElementById("article_form");
    const button = form && form.querySelector("button.article-action--schedule");
    const row = form && form.querySelector(".form-row.field-published_at");
    const date = form && form.elements.published_at_0;
    if (!button || !row || !date) return;
    const time = form.elements.published_at_1;
    const hasTime = date.value || (time && time.value);
    if (hasTime || row.classList.contains("errors")) return;

    row.id = row.id || "article-schedule-time";
    row.hidden = true;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", row.id);

    button.addEventListener("click", (event) => {
      if (!row.hidden) return; // shown: this press schedules, and the server checks the time
      event.preventDefault();
      row.hidden = false;
      button.setAttribute("aria-expanded", "true");
      const hint = document.createElement("p");
      hint.className = "help article-schedule-hint";
      hint.setAttribute("role", "status");
      hint.textContent = script.dataset.textHint || "";
      row.prepend(hint);
      row.scrollIntoView({ block: "center" });
      date.focus();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

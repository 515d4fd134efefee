/* Keyboard moderation for the comment queue: j/k move, a/r/s approve/reject/spam the focused
   row, x selects it, o opens it. A progressive enhancement: every key presses a button or link
   that is already on the page, so the queue works the same without this file. */
(function () {
  "use strict";

  const ACTIONS = { a: "approve", r: "reject", s: "spam" };
  const STORAGE_KEY = "newsroom.moderation.row";

  function rows() {
    return Array.from(document.querySelectorAll("#result_list tbody tr"));
  }

  function isTyping(event) {
    const target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return true; // a browser or system shortcut, not ours
    }
    if (!target) {
      return false;
    }
    if (target.tagName === "INPUT") {
      return !["checkbox", "radio", "submit", "button"].includes(target.type);
    }
    return target.isContentEditable || /^(TEXTAREA|SELECT)$/.test(target.tagName);
  }

  function start() {
    if (!document.getElementById("result_list")) {
      return;
    }
    const hint = document.querySelector("[data-moderation-keys]");
    if (hint) {
      hint.hidden = false;
    }
    let current = -1;

    function focusRow(index) {
      const all = rows();
      if (!all.length) {
        return;
      }
      index = Math.max(0, Math.min(index, all.length - 1));
      all.forEach((row) => row.classList.remove("moderation-focus"));
      all.forEach((row) => row.removeAttribute("aria-current"));
      const row = all[index];
      row.classList.add("moderation-focus");
      row.setAttribute("aria-current", "true");
      row.scrollIntoView({ block: "nearest" });
      current = index;
    }

    // After a one-click action the page reloads: keep the focus where it was.
    const saved = parseInt(sessionStorage.getItem(STORAGE_KEY) || "", 10);
    sessionStorage.removeItem(STORAGE_KEY);
    if (!Number.isNaN(saved)) {
      focusRow(saved);
    }

    document.addEventListener("keydown", (event) => {
      if (isTyping(event)) {
        return;
      }
      const key = event.key;
      const row = rows()[current];
      if (key === "j" || key === "k") {
        focusRow(current < 0 ? 0 : current + (key === "j" ? 1 : -1));
      } else if (ACTIONS[key] && row) {
        const button = row.querySelector(`button[data-moderate="${ACTIONS[key]}"]`);
        if (button) {
          sessionStorage.setItem(STORAGE_KEY, String(current));
          button.click();
        }
      } else if (key === "x" && row) {
        const box = row.querySelector("input.action-select");
        if (box) {
          box.click(); // a click, so Django's own script updates the "n selected" counter
        }
      } else if (key === "o" && row) {
        const link = row.querySelector("a[data-open]") || row.querySelector("th a, td a");
        if (link) {
          link.click();
        }
      } else {
        return;
      }
      event.preventDefault();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

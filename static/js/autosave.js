// The article form never loses what was typed (issue 15): the form's values are autosaved on the
// server every half minute and when a field loses focus (articles/autosave.py); a newer autosave
// is offered back when the form opens; leaving with unsaved changes asks first; and when the
// session has expired the values are kept in this browser until they can be saved again.
// Also a live word count and reading time under the body. All strings come from the server, in
// this script's data attributes, translated there.
(function () {
  "use strict";

  const script = document.currentScript;
  const config = script.dataset;
  const INTERVAL = 30000;
  const WORDS_PER_MINUTE = 230;
  const localKey = "newsroom-article-" + (config.article || "new");

  let form = null;
  let lastSent = null; // the values the server last stored (or had when the page opened)
  let baseline = null; // the values of the saved article, as the form opened
  let submitting = false;
  let touched = false; // has the user typed or chosen anything yet
  let expired = false;
  let status = null;

  function text(name, values) {
    let value = config["text" + name] || "";
    for (const key in values || {}) value = value.replace("{" + key + "}", values[key]);
    return value;
  }

  // The form's own fields, by name: not the CSRF token, the buttons, the inlines' management.
  function fieldElements() {
    return Array.from(form.elements).filter(
      (element) =>
        element.name &&
        !element.disabled &&
        element.name !== "csrfmiddlewaretoken" &&
        element.name !== "loaded_updated_at" &&
        !element.name.startsWith("_") &&
        !/^\w+-(\d+|TOTAL_FORMS|INITIAL_FORMS|MIN_NUM_FORMS|MAX_NUM_FORMS|__prefix__)/.test(
          element.name,
        ) &&
        !["submit", "button", "file", "reset"].includes(element.type),
    );
  }

  // The byline inline's rows (not its empty template row), each as its id, author, position and
  // delete box: kept with the autosave and restored into the rows, added where needed.
  const BYLINES = "bylines";

  function bylineRows() {
    return Array.from(form.querySelectorAll("#bylines-group tr.form-row:not(.empty-form)"));
  }

  function rowField(row, name) {
    return row.querySelector("[name^='" + BYLINES + "-'][name$='-" + name + "']");
  }

  function bylineValues() {
    return bylineRows().map((row) => {
      const field = (name) => rowField(row, name);
      return {
        id: field("id") ? field("id").value : "",
        author: field("author") ? field("author").value : "",
        position: field("position") ? field("position").value : "",
        delete: field("DELETE") && field("DELETE").checked ? "on" : "",
      };
    });
  }

  function restoreBylines(rows) {
    const labels = config.autosaveAuthors ? JSON.parse(config.autosaveAuthors) : {};
    const group = form.querySelector("#bylines-group");
    if (!group || !Array.isArray(rows)) return;
    for (const saved of rows) {
      if (!saved.author && !saved.id) continue;
      const existing = bylineRows();
      let row = saved.id
        ? existing.find((candidate) => rowField(candidate, "id")?.value === saved.id)
        : existing.find((candidate) => !rowField(candidate, "id")?.value && !rowField(candidate, "author")?.value);
      if (!row && !saved.id) {
        const add = group.querySelector(".add-row a");
        if (!add) continue;
        add.click();
        row = bylineRows().pop();
      }
      if (!row) continue; // that row was removed since: nothing to put back into
      const author = rowField(row, "author");
      if (author && saved.author) {
        if (!Array.from(author.options).some((option) => option.value === saved.author)) {
          author.append(new Option(labels[saved.author] || saved.author, saved.author));
        }
      }
      if (author) author.value = saved.author;
      const position = rowField(row, "position");
      if (position) position.value = saved.position;
      const remove = rowField(row, "DELETE");
      if (remove) remove.checked = saved.delete === "on";
      for (const element of [author, position, remove]) {
        if (element) element.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
  }

  function values() {
    const result = {};
    if (form.querySelector("#bylines-group")) result[BYLINES] = bylineValues();
    for (const element of fieldElements()) {
      if (element.type === "checkbox" || element.type === "radio") {
        if (element.checked) result[element.name] = element.value;
      } else if (element.multiple) {
        result[element.name] = Array.from(element.selectedOptions, (option) => option.value);
      } else {
        result[element.name] = element.value;
      }
    }
    return result;
  }

  const serialise = (fields) => JSON.stringify(fields);
  // Logging in again (in another tab) gives a new CSRF token, in the cookie: the page's copy is
  // then stale, and would refuse the very save the user logged in again for.
  function csrfToken() {
    const cookie = document.cookie.split("; ").find((part) => part.startsWith("csrftoken="));
    const input = form.elements.csrfmiddlewaretoken;
    if (cookie && input) input.value = decodeURIComponent(cookie.slice("csrftoken=".length));
    return input ? input.value : "";
  }

  function post(url, payload) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(payload),
    });
  }

  function say(message, isWarning) {
    status.textContent = message;
    status.classList.toggle("desk-status--warning", Boolean(isWarning));
  }

  // Keeping the text in the browser: used only when the server cannot take it.
  function keepLocally(fields) {
    try {
      localStorage.setItem(localKey, JSON.stringify({ fields: fields, at: Date.now() }));
    } catch (error) {
      // Storage full or refused: the on-screen form still has the text.
    }
  }

  function localCopy() {
    try {
      const copy = JSON.parse(localStorage.getItem(localKey) || "null");
      return copy && typeof copy.fields === "object" ? copy : null;
    } catch (error) {
      return null;
    }
  }

  function dropLocalCopy() {
    try {
      localStorage.removeItem(localKey);
    } catch (error) {
      // Nothing to drop.
    }
  }

  function sessionExpired(fields) {
    expired = true;
    keepLocally(fields);
    say(text("Expired"), true);
  }

  // One post at a time, in order: an autosave sent just before the real save must not land
  // after it (the save deletes the autosave; a late one would come back as stale).
  let queue = Promise.resolve(true);

  function autosave(force) {
    const run = queue.then(() => autosaveNow(force));
    queue = run.catch(() => false);
    return run;
  }

  // Resolves to true when the server holds the values, false when it does not.
  async function autosaveNow(force) {
    if (submitting) return true; // the form itself is on its way
    const fields = values();
    const snapshot = serialise(fields);
    if (!force && snapshot === lastSent) return true;
    if (expired) keepLocally(fields);
    let response;
    try {
      response = await post(config.url, { article: config.article || null, fields: fields });
    } catch (error) {
      keepLocally(fields); // offline: keep it here and try again later
      return false;
    }
    if (response.ok) {
      const answer = await response.json();
      lastSent = snapshot;
      expired = false;
      dropLocalCopy(); // the server has it now
      const time = new Date(answer.saved_at).toLocaleTimeString([], {
        hour: "2-digit",
        minute: "2-digit",
      });
      say(text("Saved", { time: time }), false);
      return true;
    }
    let answer = {};
    try {
      answer = await response.json();
    } catch (error) {
      answer = { error: response.statusText };
    }
    if (response.status === 401 || (response.status === 403 && answer.code !== "permission")) {
      sessionExpired(fields);
      return false;
    }
    keepLocally(fields);
    say(answer.error, true);
    return false;
  }

  // Filling the form from kept values: the body goes through its editor, the rest as typed.
  function bodyEditor() {
    const dom = form.querySelector(".ProseMirror[contenteditable]");
    return dom && dom.editor;
  }

  function restore(fields) {
    if (BYLINES in fields) restoreBylines(fields[BYLINES]);
    for (const element of fieldElements()) {
      if (!(element.name in fields)) continue;
      const value = fields[element.name];
      if (element.name === "body" && bodyEditor()) {
        bodyEditor().commands.setContent(value || "", { emitUpdate: true });
        element.value = value;
      } else if (element.type === "checkbox" || element.type === "radio") {
        element.checked = element.value === value;
      } else if (element.multiple) {
        for (const option of element.options) option.selected = value.includes(option.value);
      } else if (element.tagName === "SELECT") {
        // An autocomplete only has the options chosen when the page was made.
        if (Array.from(element.options).some((option) => option.value === value)) {
          element.value = value;
        }
      } else {
        element.value = value;
      }
      element.dispatchEvent(new Event("input", { bubbles: true }));
      element.dispatchEvent(new Event("change", { bubbles: true }));
    }
    updateWordCount();
  }

  function banner(message, onRestore, onDiscard) {
    const box = document.createElement("div");
    box.className = "desk-banner";
    box.setAttribute("role", "status");
    const paragraph = document.createElement("p");
    paragraph.className = "desk-banner__text";
    paragraph.textContent = message;
    const actions = document.createElement("p");
    actions.className = "desk-banner__actions";
    for (const [label, action, className] of [
      [text("Restore"), onRestore, "desk-banner__restore"],
      [text("Discard"), onDiscard, "desk-banner__discard"],
    ]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button " + className;
      button.textContent = label;
      button.addEventListener("click", () => action(box));
      actions.append(button);
    }
    box.append(paragraph, actions);
    form.prepend(box);
    return box;
  }

  function offerServerAutosave() {
    if (!config.autosave) return;
    const fields = JSON.parse(config.autosave);
    banner(
      text("Banner"),
      (box) => {
        restore(fields);
        box.replaceChildren(Object.assign(document.createElement("p"), {
          textContent: text("Restored"),
        }));
      },
      (box) => {
        post(config.discardUrl, { article: config.article || null }).then((response) => {
          if (response.status === 401 || response.status === 403) sessionExpired(values());
        });
        box.remove();
      },
    );
  }

  function offerLocalCopy() {
    const copy = localCopy();
    if (!copy) return;
    if (serialise(copy.fields) === serialise(values())) {
      dropLocalCopy(); // the form already has it: it was saved after all
      return;
    }
    banner(
      text("Local"),
      (box) => {
        restore(copy.fields);
        box.replaceChildren(Object.assign(document.createElement("p"), {
          textContent: text("Restored"),
        }));
        // Kept until the server has it (the next autosave drops it).
        autosave(true);
      },
      (box) => {
        dropLocalCopy();
        box.remove();
      },
    );
  }

  // Word count and reading time, live, under the body editor.
  let counter = null;

  function countWords() {
    const editor = bodyEditor();
    let plain = "";
    if (editor) {
      plain = editor.getText({ blockSeparator: "\n" });
    } else if (form.elements.body) {
      // Before the editor is there: the HTML, with its blocks kept apart.
      const parsed = new DOMParser().parseFromString(
        form.elements.body.value.replace(/</g, " <"),
        "text/html",
      );
      plain = parsed.body.textContent || "";
    }
    return plain.split(/\s+/).filter(Boolean).length;
  }

  let countPending = false;

  function updateWordCount() {
    if (!counter || countPending) return;
    // Once per frame at most, after the editor has applied the keystroke.
    countPending = true;
    setTimeout(() => {
      countPending = false;
      const words = countWords();
      const minutes = words ? Math.ceil(words / WORDS_PER_MINUTE) : 0;
      counter.textContent =
        text(words === 1 ? "Word" : "Words", { n: words.toLocaleString() }) +
        " · " +
        text("Minutes", { n: minutes });
    }, 30);
  }

  function addWordCount() {
    const row = form.querySelector(".field-body");
    if (!row) return;
    // Under the editor and its help text, lined up with them as the admin lines up help.
    counter = document.createElement("div");
    counter.className = "help desk-wordcount";
    counter.id = "desk-wordcount";
    const help = row.querySelector(".help");
    (help ? help.parentNode : row).append(counter);
    updateWordCount();
  }

  function start() {
    form = document.getElementById("article_form");
    if (!form) return;
    status = document.createElement("p");
    status.className = "desk-status";
    status.setAttribute("role", "status");
    const submitRow = form.querySelector(".submit-row");
    (submitRow ? submitRow.parentNode : form).insertBefore(status, submitRow);

    baseline = serialise(values());
    // Nothing to send until something changes: an autosave on offer stays until then.
    lastSent = baseline;
    if (config.unsaved) baseline = null; // sent back with errors: nothing here is saved yet

    addWordCount();
    offerServerAutosave();
    offerLocalCopy();

    form.addEventListener("input", updateWordCount);
    for (const kind of ["keydown", "paste", "drop", "change"]) {
      form.addEventListener(kind, () => (touched = true));
    }
    form.addEventListener("focusout", () => setTimeout(() => autosave(false), 0));
    setInterval(() => autosave(false), INTERVAL);

    // Before the form goes, make sure the login is still there: if not, the post would be lost.
    form.addEventListener("submit", (event) => {
      if (submitting) return;
      event.preventDefault();
      const submitter = event.submitter;
      autosave(true).then(
        (stored) => {
          if (!stored && expired) return; // kept here; the message says what to do
          submitting = true;
          csrfToken(); // the freshest token goes with the form
          form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
        },
        () => {
          submitting = true;
          form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
        },
      );
    });

    window.addEventListener("beforeunload", (event) => {
      if (submitting || serialise(values()) === baseline) return;
      event.preventDefault();
      event.returnValue = "";
    });
  }

  // The editor turns the textarea into its own view after the page is parsed: take the form's
  // starting values, and count words, once it is there.
  document.addEventListener("prose-editor:ready", () => {
    if (!form) return;
    // The spelling check, which the package turns off and the articles admin turns back on.
    const dom = form.querySelector(".ProseMirror[contenteditable]");
    if (dom) dom.spellcheck = true;
    if (!touched) {
      const now = serialise(values());
      if (lastSent === baseline) lastSent = now;
      if (baseline !== null) baseline = now;
    }
    updateWordCount();
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// Comment form enhancements. The page works without this file: reply links reload the page
// with the form set for that comment, and nothing about the commenter is stored anywhere.
(function () {
  "use strict";

  var respond = document.getElementById("respond");
  if (!respond) return;
  var form = respond.querySelector("form.comment-form");
  var heading = respond.querySelector("h2");
  var parentField = form && form.querySelector("input[name=replytocom]");
  if (!form || !heading || !parentField) return;

  // The page may come from a cache that every reader shares, so its signed form time is when
  // it was rendered, not when this reader opened it. Renew it when they start writing: the
  // "sent too fast" check then counts from now. Without this the rendered time still works.
  // A form sent back with an error keeps the time it was first sent with (no data-form-time).
  var issuedField = form.querySelector("input[name=issued]");
  var renewed = !form.getAttribute("data-form-time");
  form.addEventListener("focusin", function () {
    if (renewed || !issuedField || !window.fetch) return;
    renewed = true;
    fetch(form.getAttribute("data-form-time"), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (token) { if (token) issuedField.value = token; })
      .catch(function () { renewed = false; });
  });

  // Replies: move the form under the comment instead of reloading the page.
  var home = document.createComment("comment form");
  respond.parentNode.insertBefore(home, respond);

  function setHeading(name) {
    heading.textContent = name
      ? form.getAttribute("data-reply-to") + " " + name + " "
      : form.getAttribute("data-leave-reply");
    if (!name) return;
    var small = document.createElement("small");
    var cancel = document.createElement("a");
    cancel.href = "#respond";
    cancel.id = "cancel-comment-reply";
    cancel.rel = "nofollow";
    cancel.textContent = form.getAttribute("data-cancel-reply") || "Cancel reply";
    cancel.addEventListener("click", function (event) {
      event.preventDefault();
      cancelReply();
    });
    small.appendChild(cancel);
    heading.appendChild(small);
  }

  // The comment is the link's <li id="comment-N">; its author's name is shown in its footer.
  function replyTo(link) {
    var comment = link.closest("li[id^=comment-]");
    if (!comment) return false;
    var body = comment.querySelector("article");
    var author = body.querySelector(".comment__author");
    body.parentNode.insertBefore(respond, body.nextSibling);
    parentField.value = comment.id.slice("comment-".length);
    setHeading(author ? author.textContent : "");
    var first = form.querySelector("textarea, input:not([type=hidden])");
    if (first) first.focus();
    return true;
  }

  function cancelReply() {
    home.parentNode.insertBefore(respond, home.nextSibling);
    parentField.value = "";
    setHeading("");
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.comment__reply");
    if (link && replyTo(link)) event.preventDefault();
  });
  var serverCancel = document.getElementById("cancel-comment-reply");
  if (serverCancel) {
    serverCancel.addEventListener("click", function (event) {
      event.preventDefault();
      cancelReply();
    });
  }

  // "Save my name, email, and website in this browser": offered unticked, kept in this
  // browser's localStorage only. The server never renders these details, so a cached page
  // never carries someone else's.
  var storage;
  try {
    storage = window.localStorage;
    storage.getItem("newsroom.commenter");
  } catch (error) {
    return; // storage blocked: offer nothing
  }
  var KEY = "newsroom.commenter";
  var fields = ["name", "email", "url"];
  var saved = null;
  try {
    saved = JSON.parse(storage.getItem(KEY) || "null");
  } catch (error) {
    saved = null;
  }

  var consent = document.createElement("p");
  consent.className = "field field--checkbox";
  var box = document.createElement("input");
  box.type = "checkbox";
  box.id = "id_save_details";
  var label = document.createElement("label");
  label.htmlFor = box.id;
  label.textContent =
    form.getAttribute("data-save-details") ||
    "Save my name, email, and website in this browser for the next time I comment.";
  consent.appendChild(box);
  consent.appendChild(label);
  var submit = form.querySelector("button[type=submit]");
  submit.parentNode.parentNode.insertBefore(consent, submit.parentNode);

  if (saved && typeof saved === "object") {
    // Ticked only because the reader ticked it before; unticking and sending forgets them.
    box.checked = true;
    fields.forEach(function (name) {
      var input = form.elements[name];
      if (input && !input.value && typeof saved[name] === "string") input.value = saved[name];
    });
  }

  form.addEventListener("submit", function () {
    if (box.checked) {
      var details = {};
      fields.forEach(function (name) {
        if (form.elements[name]) details[name] = form.elements[name].value;
      });
      storage.setItem(KEY, JSON.stringify(details));
    } else {
      storage.removeItem(KEY);
    }
  });
})();

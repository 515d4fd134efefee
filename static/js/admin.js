// Small behaviours for the Django admin on every page, as a file: the Content-Security-Policy
// refuses inline scripts and event attributes such as onfocus="".
document.addEventListener("focusin", (event) => {
  // Read-only fields meant for copying (the share-preview link) select their text on focus.
  if (event.target.matches("input[data-select-on-focus]")) event.target.select();
});

// The photo picker pop-up: hand the chosen photo back to the article editor that opened it.
// django-prose-editor's figure dialog listens through the CKEditor-style callback below.
document.addEventListener("click", (event) => {
  const choice = event.target.closest(".picker__choice");
  if (!choice || !window.opener || !window.opener.CKEDITOR) return;
  window.opener.CKEDITOR.tools.callFunction(Number(choice.dataset.callback), choice.dataset.url, {
    id: choice.dataset.id,
    alternative_text: choice.dataset.alt,
    caption: choice.dataset.caption,
  });
  window.close();
});

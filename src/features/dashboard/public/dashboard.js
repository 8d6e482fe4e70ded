// The staff dashboard's only script: the list's drop-downs and the overdue box apply at once
// (the "Show" button still does it without JavaScript).
document.addEventListener("DOMContentLoaded", () => {
  for (const field of document.querySelectorAll("[data-autosubmit]")) {
    field.addEventListener("change", () => field.form?.requestSubmit());
  }
});

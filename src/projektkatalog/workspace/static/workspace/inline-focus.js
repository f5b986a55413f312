// Move keyboard focus into a row that "Lägg till" has just added, so that a keyboard or
// screen-reader user lands where the new row is, not on the link below it.
"use strict";
document.addEventListener("formset:added", (event) => {
  const row = event.target;
  // The organisation field becomes an autocomplete only after its own handler has run.
  window.setTimeout(() => {
    const field = row.querySelector(
      ".select2-selection, input:not([type=hidden]):not([type=checkbox]), select:not(.admin-autocomplete), textarea"
    );
    if (field) {
      field.focus();
    }
  }, 0);
});

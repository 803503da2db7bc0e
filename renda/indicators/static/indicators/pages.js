// renda — indicator pages: "select all" on the review queue (no inline script: CSP).
document.addEventListener("change", function (event) {
  var all = event.target.closest("[data-select-all]");
  if (!all) {
    return;
  }
  document.querySelectorAll("input[name='" + all.dataset.selectAll + "']").forEach(function (box) {
    box.checked = all.checked;
  });
});

// renda — small behaviours; kept out of the pages so the Content-Security-Policy can forbid
// inline scripts.
document.addEventListener("click", function (event) {
  const target = event.target.closest("[data-confirm]");
  if (target && !window.confirm(target.dataset.confirm)) {
    event.preventDefault();
  }
});
document.addEventListener("click", function (event) {
  const target = event.target.closest("[data-print]");
  if (target) {
    event.preventDefault();
    window.print();
  }
});
// "Use this" next to a recommendation: choose it in the form's select (staff still confirm).
document.addEventListener("click", function (event) {
  const target = event.target.closest("[data-fill]");
  const select = target && document.querySelector(target.dataset.fill);
  if (select) {
    event.preventDefault();
    select.value = target.dataset.value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }
});

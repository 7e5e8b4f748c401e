// The plate calculator (templates/workouts/logging/partials/plate_calculator.html): which plates go on each side
// of the bar for the weight typed in the set's form. Loaded once per calculator (htmx swaps cards in): the
// listeners are installed once, on the document, so new calculators work without more setup.
(function () {
  "use strict";
  if (window.fitnessprPlates) return;

  // The weight input of a set form: "weight", or "<prefix>-weight" in the logger's forms.
  const PLATES_WEIGHT_INPUT = 'input[name="weight"], input[name$="-weight"]';

  // Weights are counted in hundredths, so 1.25 + 1.25 never becomes 2.4999.
  const toHundredths = (text) => Math.round(parseFloat(String(text).trim().replace(",", ".")) * 100);
  const show = (hundredths) => String(hundredths / 100);

  function breakdown(total, bar, plates) {
    let side = Math.floor((total - bar) / 2);
    const perSide = [];
    for (const plate of plates) {
      while (side >= plate) {
        perSide.push(plate);
        side -= plate;
      }
    }
    return { perSide, remainder: total - bar - 2 * perSide.reduce((sum, plate) => sum + plate, 0) };
  }

  function describe(calculator) {
    const form = calculator.closest("form");
    const input = form && form.querySelector(PLATES_WEIGHT_INPUT);
    const unit = calculator.dataset.unit;
    const bar = toHundredths(calculator.dataset.bar);
    const plates = calculator.dataset.plates.split(",").map(toHundredths);
    const total = input ? toHundredths(input.value) : NaN;
    if (!Number.isFinite(total) || total <= 0) {
      return `Type a weight to see the plates on each side of a ${show(bar)} ${unit} bar.`;
    }
    if (total < bar) return `${show(total)} ${unit} is less than the ${show(bar)} ${unit} bar.`;
    if (total === bar) return `Just the ${show(bar)} ${unit} bar.`;
    const { perSide, remainder } = breakdown(total, bar, plates);
    let text = `Each side: ${perSide.map(show).join(" + ")} ${unit} (bar ${show(bar)} ${unit}).`;
    if (remainder > 0) text += ` ${show(remainder)} ${unit} more cannot be made with plates.`;
    return text;
  }

  function update(calculator) {
    const result = calculator.querySelector("[data-plate-result]");
    if (result) result.textContent = describe(calculator);
  }

  // `toggle` does not bubble: listen in the capture phase.
  document.addEventListener(
    "toggle",
    (event) => {
      if (event.target.matches && event.target.matches("[data-plate-calculator]") && event.target.open) {
        update(event.target);
      }
    },
    true,
  );
  document.addEventListener("input", (event) => {
    if (!event.target.matches || !event.target.matches(PLATES_WEIGHT_INPUT)) return;
    const form = event.target.closest("form");
    const calculator = form && form.querySelector("[data-plate-calculator]");
    if (calculator && calculator.open) update(calculator);
  });

  window.fitnessprPlates = { breakdown, describe };
})();

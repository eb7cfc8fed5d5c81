// The dashboard's world map: pointing at or tabbing to a country writes its name and count beside
// the legend (a <title> tooltip alone never shows for keyboard users).
document.querySelectorAll("[data-world-map]").forEach((map) => {
  const readout = map.querySelector("[data-map-readout]");
  const show = (event) => {
    const country = event.target.closest("a[data-count]");
    if (country) readout.textContent = country.getAttribute("aria-label");
  };
  map.addEventListener("mouseover", show);
  map.addEventListener("focusin", show);
});

// The nynorsk demo page's own script (not part of omsorg): its language switcher sets `lang` on
// the region with the omsorg elements, which follow it; the page around stays in nynorsk.
// Northern Sami ("se") is registered by the configuration file (omsorg.json, "locales").
const area = document.getElementById('omsorg-area');
for (const b of document.querySelectorAll('[data-lang]')) {
  b.addEventListener('click', () => {
    area?.setAttribute('lang', b.dataset.lang);
    for (const other of document.querySelectorAll('[data-lang]')) other.setAttribute('aria-pressed', String(other === b));
  });
}

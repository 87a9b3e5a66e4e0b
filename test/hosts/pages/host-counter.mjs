// The host page's own script on the configuration pages: a button that counts, to show that the
// page keeps working whatever happens to omsorg.
const out = document.getElementById('host-count');
document.getElementById('host-button')?.addEventListener('click', () => {
  if (out) out.textContent = String(Number(out.textContent) + 1);
});

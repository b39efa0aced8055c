// Keeps a report's page current while it is queued or building: every few seconds it
// fetches the page again and swaps in the new status, until the report is ready or has
// failed. Without JavaScript, reloading the page shows the same.
const panel = document.querySelector("[data-report-status]");
const SETTLED = ["ready", "failed"];

async function refresh() {
  const response = await fetch(window.location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" });
  if (!response.ok) return;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.querySelector("[data-report-status]");
  if (!fresh) return;
  if (fresh.dataset.reportStatus !== panel.dataset.reportStatus) {
    panel.replaceChildren(...fresh.childNodes);
    panel.dataset.reportStatus = fresh.dataset.reportStatus;
  }
  if (!SETTLED.includes(panel.dataset.reportStatus)) window.setTimeout(refresh, 3000);
}

if (panel && !SETTLED.includes(panel.dataset.reportStatus)) window.setTimeout(refresh, 3000);

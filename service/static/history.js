// The History page: stored analyses with filters, a page at a time (cursor), and each one's corrections on
// demand. Plain JavaScript; every piece of text from the server goes in with textContent, never as HTML.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  let cursor = null;
  let roles = {};

  const { el } = window.mhswDom;

  function headers() {
    const key = $("api-key").value.trim();
    return key ? { Authorization: `Bearer ${key}` } : {};
  }

  function problem(text) {
    $("error-text").textContent = text;
    $("error-summary").hidden = false;
    $("error-summary").focus();
  }

  async function get(url) {
    const response = await fetch(url, { headers: headers() });
    const body = await response.json().catch(() => null);
    if (response.status === 401) {
      $("api-key-group").hidden = false;
      throw new Error("Enter the API key for this service, then choose Show analyses");
    }
    if (!response.ok) throw new Error((body && typeof body.detail === "string" && body.detail) || `The service answered ${response.status}`);
    return body;
  }

  async function fillFilters() {
    const vocab = await get("/v1/corrections/vocabulary");
    roles = Object.fromEntries(vocab.roles.map((role) => [role.id, role.label]));
    $("filter-role").append(...vocab.roles.map((role) => el("option", { value: role.id, text: role.label })));
    $("filter-band").append(...vocab.bands.map((band) => el("option", { value: band, text: `Band ${band}` })));
  }

  function describe(changes) {
    const parts = [];
    if (changes.role_id) parts.push(`role: ${roles[changes.role_id] || changes.role_id}`);
    if (changes.category) parts.push(`category: ${changes.category.replace(/_/g, " ")}`);
    if (changes.band) parts.push(`band: ${changes.band}`);
    if (changes.title) parts.push(`title: ${changes.title}`);
    if (changes.pathway_present !== undefined) parts.push(`career pathway: ${changes.pathway_present ? "present" : "absent"}`);
    for (const key of ["qualifications_add", "qualifications_remove", "skills_add", "skills_remove"]) {
      if (changes[key]) parts.push(`${key.replace("_", " ")}: ${changes[key].join(", ")}`);
    }
    for (const item of changes.dismiss_wording || []) parts.push(`dismissed ${item.code}: ${item.reason}`);
    return parts.join("; ");
  }

  async function showCorrections(button, item) {
    const target = $(`corrections-${item.id}`);
    const open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", String(!open));
    target.hidden = open;
    if (open || target.dataset.loaded) return;
    try {
      const body = await get(`/v1/analyses/${encodeURIComponent(item.id)}/corrections`);
      target.dataset.loaded = "1";
      const list = body.corrections.map((fix) =>
        el("li", { text: `${new Date(fix.created_at).toLocaleString("en-GB")}, ${fix.author || "unknown"}: ${describe(fix.changes)}${fix.note ? ` (note: ${fix.note})` : ""}` }));
      target.firstChild.replaceChildren(list.length ? el("ul", {}, ...list) : el("p", { text: "No corrections." }));
      $("status").textContent = `${list.length} corrections shown`;
    } catch (error) {
      problem(error.message);
    }
  }

  function row(item) {
    const button = el("button", {
      class: "nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0", type: "button",
      "aria-expanded": "false", "aria-controls": `corrections-${item.id}`, text: "Show corrections",
    });
    button.addEventListener("click", () => showCorrections(button, item));
    const title = item.title || "(no title)";
    button.setAttribute("aria-label", `Show corrections of ${title}`);
    const main = el("tr", { id: item.id },
      el("td", { text: new Date(item.created_at).toLocaleString("en-GB") }),
      el("td", { text: title }),
      el("td", { text: roles[item.role_id] || item.role_id || "" }),
      el("td", { text: item.band || "none" }),
      el("td", { text: item.corrected ? "Yes" : "No" }),
      el("td", {}, item.corrected ? button : el("span", { text: "None" })));
    const details = el("tr", { id: `corrections-${item.id}`, hidden: true }, el("td", { colspan: "6" }));
    return [main, details];
  }

  function query() {
    const params = new URLSearchParams({ limit: "25" });
    for (const [name, id] of [["role", "filter-role"], ["band", "filter-band"], ["corrected", "filter-corrected"]]) {
      if ($(id).value) params.set(name, $(id).value);
    }
    if ($("filter-since").value) params.set("since", `${$("filter-since").value}T00:00:00Z`);
    if (cursor) params.set("cursor", cursor);
    return params;
  }

  async function load(fresh) {
    if (fresh) cursor = null;
    $("error-summary").hidden = true;
    try {
      if (!Object.keys(roles).length) await fillFilters();
      const params = query();
      const page = await get(`/v1/analyses?${params}`);
      const rows = page.items.flatMap(row);
      if (fresh) $("history-rows").replaceChildren(...rows);
      else $("history-rows").append(...rows);
      cursor = page.next_cursor;
      $("history-table").dataset.query = params.toString();  // which filters the rows shown answer
      const count = $("history-rows").querySelectorAll("tr:not([id^='corrections-'])").length;
      $("history-table").hidden = count === 0;
      $("empty").hidden = count !== 0;
      $("more").hidden = !cursor;
      $("status").textContent = `${count} analyses shown${cursor ? "; more are available" : ""}`;
    } catch (error) {
      problem(error.message);
    }
  }

  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    load(true);
  });
  $("more").addEventListener("click", () => load(false));
  load(true);
})();
